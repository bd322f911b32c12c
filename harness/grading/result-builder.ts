import type { CheckRun } from "../checks/check-runner.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { SCHEMA_VERSION, type CheckResult, type Finding, type GradeResult, type GradingFailure, type ImageAnalysis, type PhaseTiming } from "../kernel/result.ts";
import { localize, type Lang } from "../kernel/text.ts";
import { earnedPoints, totalScore } from "../scoring/score.ts";
import { TOOL_VERSION } from "./tool-version.ts";

export interface RunRecord {
  readonly runId: string;
  readonly lang: Lang;
  readonly exercise: Exercise;
  readonly submissionPath: string;
  readonly engine?: GradeResult["engine"];
  readonly runs: readonly CheckRun[];
  /** Points of every check of the suite: the maximum, even when a refusal ran none of them. */
  readonly suitePoints: number;
  readonly failure?: GradingFailure;
  /** What the run noticed beyond the verdicts, already in the result's language. */
  readonly findings?: readonly Finding[];
  readonly images?: readonly ImageAnalysis[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly timings: readonly PhaseTiming[];
}

/** Turns check runs into the versioned result model, in one language. Pure. */
export function buildResult(record: RunRecord): GradeResult {
  const { lang } = record;
  const scorables = record.runs.map((run) => ({ points: run.check.points, status: run.status, credit: run.credit }));
  const checks: CheckResult[] = record.runs.map((run, index) => {
    const scorable = scorables[index] as (typeof scorables)[number];
    return {
      id: run.check.id,
      title: localize(run.check.title, lang),
      points: run.check.points,
      earned: earnedPoints(scorable),
      status: run.status,
      message: localize(run.message, lang),
      hint: run.status === "passed" || run.status === "skipped" || run.halted ? "" : localize(run.check.hint, lang),
      course: `${run.check.course.chapter} — ${localize(run.check.course.section, lang)}`,
      ...(run.expected === undefined ? {} : { expected: run.expected }),
      ...(run.actual === undefined ? {} : { actual: run.actual }),
      ...(run.details === undefined ? {} : { details: run.details }),
      ...(run.location === undefined ? {} : { location: run.location }),
      needs: run.check.needs,
      startedAt: run.startedAt.toISOString(),
      durationMs: run.durationMs,
    };
  });
  const { score } = totalScore(scorables);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "dockgrade", version: TOOL_VERSION },
    runId: record.runId,
    lang,
    exercise: { id: record.exercise.id, title: localize(record.exercise.title, lang), chapter: record.exercise.chapter },
    submission: { path: record.submissionPath },
    ...(record.engine ? { engine: record.engine } : {}),
    score,
    maxScore: record.suitePoints,
    checks,
    ...(record.findings === undefined || record.findings.length === 0 ? {} : { findings: record.findings }),
    ...(record.images === undefined || record.images.length === 0 ? {} : { images: record.images }),
    ...(record.failure ? { failure: record.failure } : {}),
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt.toISOString(),
    durationMs: record.finishedAt.getTime() - record.startedAt.getTime(),
    timings: record.timings,
  };
}
