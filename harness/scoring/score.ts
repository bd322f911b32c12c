import type { CheckStatus } from "../kernel/result.ts";

export interface Scorable {
  readonly points: number;
  readonly status: CheckStatus;
  /** Share of the points earned, 0..1; only a failed check can earn part of them. */
  readonly credit: number;
}

/** Points are shown with two decimals at most; rounding here keeps sums and displays equal. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function earnedPoints(check: Scorable): number {
  if (check.status === "passed") return check.points;
  if (check.status === "failed") return round(check.points * Math.min(1, Math.max(0, check.credit)));
  return 0;
}

export function totalScore(checks: readonly Scorable[]): { score: number; maxScore: number } {
  return {
    score: round(checks.reduce((sum, check) => sum + earnedPoints(check), 0)),
    maxScore: round(checks.reduce((sum, check) => sum + check.points, 0)),
  };
}
