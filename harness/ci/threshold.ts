import type { GradeResult } from "../kernel/result.ts";

/**
 * By default a pull request passes when each exercise it touches earns every point: the same bar as
 * `npm run grade`, whose exit code is 0 only when every check passed, so the red or green mark on the
 * pull request tells the student what the grader told them locally. A course that marks work in
 * progress can lower it; 0 never fails on the score (a submission that cannot be graded still does).
 */
export const DEFAULT_THRESHOLD_PERCENT = 100;

/** Whether a result earns at least `percent` % of its points; a submission that could not be graded never does. */
export function meetsThreshold(result: GradeResult, percent: number): boolean {
  if (result.failure !== undefined) return false;
  if (result.maxScore <= 0) return true;
  // Compared in hundredths of a point, so float noise (0.1 + 0.2) cannot fail a full score.
  return Math.round(result.score * 10_000) >= Math.round(percent * result.maxScore * 100);
}
