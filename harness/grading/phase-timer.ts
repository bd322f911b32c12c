import type { PhaseTiming } from "../kernel/result.ts";

/** Measures the named phases of a grading run, for the result's `timings`. */
export class PhaseTimer {
  readonly timings: PhaseTiming[] = [];

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.timings.push({ phase, durationMs: Math.round(performance.now() - started) });
    }
  }
}
