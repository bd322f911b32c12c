import type { CheckResult, GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import type { ClassEntry } from "./class-entry.ts";

/** Ten bins of percentage: 0–10, 10–20 … 90–100, the last one closed so a full score has a bin. */
export const HISTOGRAM_BINS = 10;
const SLOWEST = 5;

/** Scores as ratios of the maximum (0..1), so results with different maxima still compare. */
export interface ScoreSpread {
  readonly mean: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** How a class did on one check, counted over the graded submissions that have it. */
export interface CheckRate {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly passed: number;
  /** Results where the check says something about the student: every status but `error`. */
  readonly attempted: number;
  readonly errors: number;
  /** passed / attempted; undefined when no result says anything about the check. */
  readonly rate: number | undefined;
  readonly meanEarned: number;
  /** The check (or one of the checks) the class passes least, when some student missed it. */
  readonly weakest: boolean;
}

export interface ClassStatistics {
  /** The exercise as the first result in the reader's language names it. */
  readonly exercise: { readonly id: string; readonly title: string } | undefined;
  /** Submissions the grader could grade: no `failure`. Only they count in scores and pass rates. */
  readonly graded: readonly ClassEntry[];
  /** Submissions with a `failure` (refused, missing file, cancelled …): not graded, so listed apart. */
  readonly ungraded: readonly ClassEntry[];
  readonly spread: ScoreSpread | undefined;
  /** The maximum every graded result shares; undefined when they differ, and scores then read in percent. */
  readonly maxScore: number | undefined;
  /** Graded submissions per bin of percentage. */
  readonly histogram: readonly number[];
  readonly checks: readonly CheckRate[];
  /** Checks the grader itself got wrong, per student: not the student's fault, to grade again. */
  readonly graderErrors: readonly { readonly entry: ClassEntry; readonly check: CheckResult }[];
  /** The longest runs first, with the build check (its id contains "build") when there is one. */
  readonly slowest: readonly { readonly entry: ClassEntry; readonly build: CheckResult | undefined }[];
  readonly late: readonly ClassEntry[];
  /** The first and last `startedAt` of the results, as they were written. */
  readonly period: { readonly first: string; readonly last: string } | undefined;
}

/**
 * Everything the class reports show, computed once from the entries: pure, no clock, so the same class
 * gives the same figures. Refused or otherwise ungraded submissions stay out of the scores: their 0 says
 * nothing about the course (some failures, like a base image the machine lacked, are not even theirs).
 */
export function classStatistics(entries: readonly ClassEntry[], lang: Lang): ClassStatistics {
  const graded = entries.filter((entry) => entry.result.failure === undefined);
  const ratios = graded.map((entry) => ratio(entry.result));
  const maxima = new Set(graded.map((entry) => entry.result.maxScore));
  return {
    exercise: preferred(
      entries.map((entry) => entry.result),
      lang,
      (result) => result.exercise,
    ),
    graded,
    ungraded: entries.filter((entry) => entry.result.failure !== undefined),
    spread: spread(ratios),
    maxScore: maxima.size === 1 ? [...maxima][0] : undefined,
    histogram: histogram(graded.map((entry) => entry.result)),
    checks: checkRates(graded, lang),
    graderErrors: graded.flatMap((entry) => entry.result.checks.filter((check) => check.status === "error").map((check) => ({ entry, check }))),
    slowest: [...entries]
      .sort((a, b) => b.result.durationMs - a.result.durationMs)
      .slice(0, SLOWEST)
      .map((entry) => ({ entry, build: entry.result.checks.find((check) => check.id.includes("build")) })),
    late: entries.filter((entry) => entry.late === true),
    period: period(entries.map((entry) => entry.result.startedAt)),
  };
}

/** Score over maximum, in 0..1; an exercise worth nothing reads 0 rather than NaN. */
export function ratio(result: GradeResult): number {
  return result.maxScore > 0 ? Math.min(1, Math.max(0, result.score / result.maxScore)) : 0;
}

/** The bin of a result: computed on points, not on a rounded ratio, so 7/10 lands in 70–80 and not 60–70. */
export function histogramBin(result: GradeResult): number {
  if (result.maxScore <= 0) return 0;
  const bin = Math.floor((result.score * HISTOGRAM_BINS) / result.maxScore + 1e-9);
  return Math.min(HISTOGRAM_BINS - 1, Math.max(0, bin));
}

function histogram(results: readonly GradeResult[]): number[] {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const result of results) {
    const bin = histogramBin(result);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

function spread(ratios: readonly number[]): ScoreSpread | undefined {
  if (ratios.length === 0) return undefined;
  const sorted = [...ratios].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? 0;
  return {
    mean: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    median: sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2,
    min: at(0),
    max: at(sorted.length - 1),
  };
}

/** One rate per check id, in the order the checks first appear, which is the grader's order. */
function checkRates(graded: readonly ClassEntry[], lang: Lang): CheckRate[] {
  const ids = [...new Set(graded.flatMap((entry) => entry.result.checks.map((check) => check.id)))];
  const rates = ids.map((id) => {
    const found = graded.flatMap((entry) => entry.result.checks.filter((check) => check.id === id).map((check) => ({ result: entry.result, check })));
    const attempted = found.filter(({ check }) => check.status !== "error");
    const passed = attempted.filter(({ check }) => check.status === "passed").length;
    const chosen = preferred(
      found.map(({ result }) => result),
      lang,
      (result) => result.checks.find((check) => check.id === id),
    );
    return {
      id,
      title: chosen?.title ?? id,
      points: chosen?.points ?? 0,
      passed,
      attempted: attempted.length,
      errors: found.length - attempted.length,
      rate: attempted.length === 0 ? undefined : passed / attempted.length,
      meanEarned: attempted.length === 0 ? 0 : attempted.reduce((total, { check }) => total + check.earned, 0) / attempted.length,
    };
  });
  const lowest = Math.min(...rates.flatMap((rate) => (rate.rate === undefined ? [] : [rate.rate])));
  return rates.map((rate) => ({ ...rate, weakest: rate.rate !== undefined && rate.rate === lowest && lowest < 1 }));
}

/** A value read from the first result written in the reader's language, else from the first result. */
function preferred<T>(results: readonly GradeResult[], lang: Lang, pick: (result: GradeResult) => T | undefined): T | undefined {
  const first = results.find((result) => result.lang === lang) ?? results[0];
  return first === undefined ? undefined : pick(first);
}

function period(timestamps: readonly string[]): ClassStatistics["period"] {
  const valid = timestamps.filter((iso) => !Number.isNaN(Date.parse(iso))).sort((a, b) => Date.parse(a) - Date.parse(b));
  const first = valid[0];
  const last = valid[valid.length - 1];
  return first === undefined || last === undefined ? undefined : { first, last };
}
