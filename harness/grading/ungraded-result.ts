import type { GraderSuite } from "../checks/grader-suite.ts";
import type { Exercise } from "../exercise/exercise.ts";
import type { GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { newRunId } from "./grade-submission.ts";
import { buildResult, type FailureStatement } from "./result-builder.ts";

export interface UngradedRecord {
  readonly exercise: Exercise;
  readonly suite: GraderSuite;
  readonly lang: Lang;
  /** Where the work was (or would have been): the archive, repository or folder named by the instructor. */
  readonly submissionPath: string;
  readonly failure: FailureStatement;
  readonly startedAt: Date;
}

/**
 * The result of a submission the grader never reached (nothing handed in, an archive refused, a
 * repository that could not be read): no check ran, the score is 0 out of the suite's points, and
 * `failure` says why, so it lands in the class's files like any other student.
 */
export function ungradedResult(record: UngradedRecord): GradeResult {
  const suitePoints = record.suite(record.exercise).reduce((sum, check) => sum + check.points, 0);
  return buildResult({
    runId: newRunId(),
    lang: record.lang,
    exercise: record.exercise,
    submissionPath: record.submissionPath,
    runs: [],
    suitePoints,
    failure: record.failure,
    startedAt: record.startedAt,
    finishedAt: new Date(),
    timings: [],
  });
}
