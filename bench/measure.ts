/** One figure of `npm run bench`, beside its target; `bench/results.json` is a list of these. */
export interface Measure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target as written in issue 7, e.g. "<= 1.05", "< 1000"; absent for a figure that is only reported. */
  readonly target?: string;
  readonly met?: boolean;
}

export function measure(name: string, value: number, unit: string, target?: { readonly op: "<" | "<=" | ">="; readonly bound: number }): Measure {
  if (target === undefined) return { name, value: round(value), unit };
  const met = target.op === "<" ? value < target.bound : target.op === "<=" ? value <= target.bound : value >= target.bound;
  return { name, value: round(value), unit, target: `${target.op} ${target.bound}`, met };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A group of measures that share a set-up, run by name: `npm run bench -- render teardown`. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  /** Long and outside issue 7's figures: run only when asked for by name. */
  readonly onlyWhenNamed?: boolean;
  run(log: (line: string) => void): Promise<Measure[]>;
}
