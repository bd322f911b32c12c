import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { runChecks, type CheckRun } from "../checks/check-runner.ts";
import { FixtureCache, type FixtureContext } from "../checks/context.ts";
import { validateSuite, type GraderSuite } from "../checks/grader-suite.ts";
import { ResourceScope } from "../checks/resource-scope.ts";
import { readFromLines } from "../dockerfile/from-lines.ts";
import type { Engine } from "../engine/engine.ts";
import { sweepRuns } from "../engine/sweep.ts";
import { UngradableSubmissionError } from "../errors.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { normaliseImageRef } from "../images/base-image-plan.ts";
import { ensureBaseImages } from "../images/ensure-base-images.ts";
import { PROBE_IMAGE } from "../images/grader-images.ts";
import { BaseImageError } from "../images/errors.ts";
import type { GradeResult, GradingFailure } from "../model/result.ts";
import type { Lang } from "../model/text.ts";
import type { Submission } from "../submission/submission.ts";
import { loadSubmission } from "../submission/load-submission.ts";
import { PhaseTimer } from "./phase-timer.ts";
import { buildResult } from "./result-builder.ts";

export interface GradeRequest {
  readonly engine: Engine;
  readonly exercise: Exercise;
  readonly suite: GraderSuite;
  readonly submissionPath: string;
  readonly lang: Lang;
  readonly signal?: AbortSignal;
  readonly runId?: string;
  readonly onProgress?: (message: string) => void;
}

export function newRunId(): string {
  return randomBytes(6).toString("hex");
}

/**
 * Grades one submission end to end and always returns a result: a submission that cannot be
 * graded is a result with `failure`, not an exception. Whatever the run started is removed before
 * this returns, by its scope and then by a sweep of its label.
 */
export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { engine, exercise, lang } = request;
  const runId = request.runId ?? newRunId();
  const signal = request.signal ?? new AbortController().signal;
  const startedAt = new Date();
  const timer = new PhaseTimer();
  const checks = request.suite(exercise);
  const suiteProblems = validateSuite(checks);
  if (suiteProblems.length > 0) throw new Error(`Grader suite for ${exercise.id} is invalid: ${suiteProblems.join("; ")}`);
  const info = await engine.info();
  const record = {
    runId,
    lang,
    exercise,
    submissionPath: request.submissionPath,
    engine: { version: info.serverVersion, apiVersion: info.apiVersion, endpoint: engine.endpoint.host },
  };
  const finish = (runs: readonly CheckRun[], failure?: GradingFailure) =>
    buildResult({ ...record, runs, ...(failure ? { failure } : {}), startedAt, finishedAt: new Date(), timings: timer.timings });

  let submission: Submission;
  try {
    submission = await timer.time("load", () => loadSubmission(request.submissionPath, exercise));
    await timer.time("base-images", () => provideBaseImages(engine, exercise, submission, signal, request.onProgress));
  } catch (error) {
    if (error instanceof UngradableSubmissionError) {
      return finish([], { code: error.code, message: error.message, hint: error.hint });
    }
    if (signal.aborted) return finish([], CANCELLED);
    throw error;
  }

  const scope = new ResourceScope();
  let runs: CheckRun[];
  try {
    const fixtureContext: FixtureContext = {
      runId,
      exercise,
      submission,
      engine,
      signal,
      scope,
      use: (fixture) => fixtures.use(fixture),
    };
    const fixtures = new FixtureCache(fixtureContext);
    runs = await timer.time("checks", () => runChecks(checks, (checkSignal) => ({ ...fixtureContext, signal: checkSignal }), signal));
  } finally {
    await timer.time("teardown", async () => {
      await scope[Symbol.asyncDispose]();
      // What the scope could not remove is caught by the label; say so, since it is our bug.
      for (const failure of scope.teardownFailures) request.onProgress?.(`clean-up: ${failure}`);
      await sweepRuns(engine, runId);
    });
  }
  return finish(runs);
}

const CANCELLED: GradingFailure = {
  code: "cancelled",
  message: "Grading was cancelled before the checks ran.",
  hint: "Run the grader again.",
};

/**
 * The exercise's declared base images must be there: without them the exercise cannot be graded
 * here. The other external images the Dockerfile names are provided when possible (offline, a
 * `FROM busybox` the exercise did not plan for can still be built locally); when one cannot be,
 * the build fails on it and the build check shows the student why.
 */
async function provideBaseImages(
  engine: Engine,
  exercise: Exercise,
  submission: Submission,
  signal: AbortSignal,
  onProgress: ((message: string) => void) | undefined,
): Promise<void> {
  const options = { signal, ...(onProgress ? { onProgress } : {}) };
  try {
    await ensureBaseImages(engine.images, [...exercise.baseImages, PROBE_IMAGE], options);
  } catch (error) {
    if (!(error instanceof BaseImageError)) throw error;
    throw new UngradableSubmissionError("base-image-unavailable", error.message, error.hint);
  }
  if (!submission.dockerfile) return;
  const dockerfile = await readFile(submission.dockerfile, "utf8");
  const declared = new Set(exercise.baseImages.map(normaliseImageRef));
  for (const from of readFromLines(dockerfile)) {
    if (from.internal || !from.resolved) continue;
    try {
      if (declared.has(normaliseImageRef(from.resolved))) continue;
      await ensureBaseImages(engine.images, [from.resolved], options);
    } catch (error) {
      if (!(error instanceof BaseImageError)) throw error;
    }
  }
}
