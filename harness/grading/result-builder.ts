import type { CheckRun } from "../checks/check-runner.ts";
import type { Exercise } from "../exercise/exercise.ts";
import {
  SCHEMA_VERSION,
  textsOf,
  type CheckResult,
  type Finding,
  type GradeResult,
  type GradingFailure,
  type ImageAnalysis,
  type PhaseTiming,
  type RefusedSetting,
} from "../kernel/result.ts";
import { localize, text, verbatim, type Lang, type Text } from "../kernel/text.ts";
import { earnedPoints, totalScore } from "../scoring/score.ts";
import { TOOL_VERSION } from "./tool-version.ts";

/** A sentence in both languages, or one that reads the same in both (a path, a message only English has). */
type Wording = Text | string;

/** Why a submission could not be graded, as the grading run states it: the result keeps it in every language. */
export interface FailureStatement extends Omit<GradingFailure, "message" | "hint" | "violations" | "texts"> {
  readonly message: Wording;
  readonly hint: Wording;
  readonly violations?: readonly (Omit<RefusedSetting, "message" | "texts"> & { readonly message: Wording })[];
}

export interface RunRecord {
  readonly runId: string;
  readonly lang: Lang;
  readonly exercise: Exercise;
  readonly submissionPath: string;
  readonly engine?: GradeResult["engine"];
  readonly runs: readonly CheckRun[];
  /** Points of every check of the suite: the maximum, even when a refusal ran none of them. */
  readonly suitePoints: number;
  readonly failure?: FailureStatement;
  /** What the run noticed beyond the verdicts, with their texts (RunFindings.localized). */
  readonly findings?: readonly Finding[];
  readonly images?: readonly ImageAnalysis[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly timings: readonly PhaseTiming[];
}

/** Turns check runs into the versioned result model: its sentences in `lang`, and in every language under `texts`. Pure. */
export function buildResult(record: RunRecord): GradeResult {
  const { lang } = record;
  const scorables = record.runs.map((run) => ({ points: run.check.points, status: run.status, credit: run.credit }));
  const checks: CheckResult[] = record.runs.map((run, index) => {
    const scorable = scorables[index] as (typeof scorables)[number];
    const { course } = run.check;
    const words = {
      title: run.check.title,
      message: run.message,
      hint: run.status === "passed" || run.status === "skipped" || run.halted ? verbatim("") : (run.hint ?? run.check.hint),
      course: text(`${course.chapter} — ${course.section.fr}`, `${course.chapter} — ${course.section.en}`),
    };
    return {
      id: run.check.id,
      title: localize(words.title, lang),
      points: run.check.points,
      earned: earnedPoints(scorable),
      status: run.status,
      message: localize(words.message, lang),
      hint: localize(words.hint, lang),
      course: localize(words.course, lang),
      ...(run.expected === undefined ? {} : { expected: run.expected }),
      ...(run.actual === undefined ? {} : { actual: run.actual }),
      ...(run.details === undefined ? {} : { details: run.details }),
      ...(run.location === undefined ? {} : { location: run.location }),
      needs: run.check.needs,
      texts: textsOf(words),
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
    exercise: {
      id: record.exercise.id,
      title: localize(record.exercise.title, lang),
      chapter: record.exercise.chapter,
      texts: textsOf({ title: record.exercise.title }),
    },
    submission: { path: record.submissionPath },
    ...(record.engine ? { engine: record.engine } : {}),
    score,
    maxScore: record.suitePoints,
    checks,
    ...(record.findings === undefined || record.findings.length === 0 ? {} : { findings: record.findings }),
    ...(record.images === undefined || record.images.length === 0 ? {} : { images: record.images }),
    ...(record.failure ? { failure: failureOf(record.failure, lang) } : {}),
    startedAt: record.startedAt.toISOString(),
    finishedAt: record.finishedAt.toISOString(),
    durationMs: record.finishedAt.getTime() - record.startedAt.getTime(),
    timings: record.timings,
  };
}

function failureOf(statement: FailureStatement, lang: Lang): GradingFailure {
  const { message, hint, violations, ...rest } = statement;
  const words = { message: wording(message), hint: wording(hint) };
  return {
    ...rest,
    message: localize(words.message, lang),
    hint: localize(words.hint, lang),
    ...(violations === undefined
      ? {}
      : {
          violations: violations.map((violation) => {
            const refused = wording(violation.message);
            return { ...violation, message: localize(refused, lang), texts: textsOf({ message: refused }) };
          }),
        }),
    texts: textsOf(words),
  };
}

function wording(value: Wording): Text {
  return typeof value === "string" ? verbatim(value) : value;
}
