import type { Exercise } from "../exercise/exercise.ts";
import type { Check } from "./check.ts";

/** A grader suite: the checks for one exercise, built from its exercise.yaml. */
export type GraderSuite = (exercise: Exercise) => readonly Check[];

export function defineGrader(suite: GraderSuite): GraderSuite {
  return suite;
}

/**
 * A suite's own bugs, found before anything runs: duplicate ids, a need that names no earlier
 * check (which also rules out cycles), negative points.
 */
export function validateSuite(checks: readonly Check[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) problems.push(`duplicate check id "${check.id}"`);
    for (const need of check.needs) {
      if (!seen.has(need)) problems.push(`check "${check.id}" needs "${need}", which is not an earlier check`);
    }
    if (!(check.points >= 0)) problems.push(`check "${check.id}" has invalid points ${check.points}`);
    seen.add(check.id);
  }
  return problems;
}
