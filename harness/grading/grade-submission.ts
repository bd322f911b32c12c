import { randomBytes } from "node:crypto";
import { runChecks, type CheckRun } from "../checks/check-runner.ts";
import { FixtureCache } from "../kernel/fixture.ts";
import type { FixtureContext } from "../checks/context.ts";
import { validateSuite, type GraderSuite } from "../checks/grader-suite.ts";
import { ResourceScope } from "../kernel/resource-scope.ts";
import { RunFindings } from "../kernel/findings.ts";
import { readFromLines } from "../dockerfile/from-lines.ts";
import type { Engine } from "../engine/engine.ts";
import { sweepRuns } from "../engine/sweep.ts";
import { RunHalt } from "../kernel/run-halt.ts";
import { lintSubmissionDockerfiles } from "../lint/submission-dockerfiles.ts";
import type { PolicyViolation } from "../policy/violation.ts";
import { keepRunImages } from "./kept-images.ts";
import { scanRunImages } from "./run-image-scan.ts";
import { holdRunLease } from "./run-lease.ts";
import { startDiskWatchdog } from "../sandbox/disk-watchdog.ts";
import { UngradableSubmissionError } from "../kernel/errors.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { normaliseImageRef } from "../images/base-image-plan.ts";
import { ensureBaseImages } from "../images/ensure-base-images.ts";
import { PROBE_IMAGE } from "../images/grader-images.ts";
import { BaseImageError } from "../images/errors.ts";
import type { GradeResult } from "../kernel/result.ts";
import { text, type Lang, type Text } from "../kernel/text.ts";
import { preflight } from "../preflight/run-preflight.ts";
import type { PreflightPlan } from "../preflight/preflight-plan.ts";
import { dockerfileText } from "../submission/submission-dockerfile.ts";
import { PhaseTimer } from "./phase-timer.ts";
import { buildResult, type FailureStatement } from "./result-builder.ts";

export interface GradeRequest {
  readonly engine: Engine;
  readonly exercise: Exercise;
  readonly suite: GraderSuite;
  readonly submissionPath: string;
  readonly lang: Lang;
  readonly signal?: AbortSignal;
  readonly runId?: string;
  /** Wall-clock seconds the checks may take in all; past it the running check fails and the rest are not evaluated. */
  readonly budgetSeconds?: number;
  /** Keep the images built for grading (tagged `dockgrade-kept/...`) instead of removing them. */
  readonly keepImages?: boolean;
  readonly onProgress?: (message: string) => void;
}

/**
 * Long enough for the slowest exercise (a Compose stack built from scratch, then faults injected:
 * about a minute here) many times over; short enough that a batch never stalls on one submission.
 */
export const DEFAULT_BUDGET_SECONDS = 900;

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
    suitePoints: checks.reduce((sum, check) => sum + check.points, 0),
    lang,
    exercise,
    submissionPath: request.submissionPath,
    engine: { version: info.serverVersion, apiVersion: info.apiVersion, endpoint: engine.endpoint.host },
  };
  const noticed = new RunFindings();
  const finish = (runs: readonly CheckRun[], failure?: FailureStatement) =>
    buildResult({ ...record, runs, ...(failure ? { failure } : {}), ...noticed.localized(lang), startedAt, finishedAt: new Date(), timings: timer.timings });

  await using _lease = await holdRunLease(runId);
  let plan: PreflightPlan;
  try {
    const checked = await timer.time("preflight", () => preflight({ engine, exercise, submissionPath: request.submissionPath, runId }));
    if (!checked.ok) return finish([], policyRefusal(checked.violations));
    plan = checked.plan;
    await timer.time("base-images", () => provideBaseImages(engine, exercise, plan, signal, request.onProgress));
    // Only a submission that will be graded is linted: a refused or ungradable one has returned above.
    noticed.add(...(await timer.time("lint", () => lintSubmissionDockerfiles(plan, exercise))));
  } catch (error) {
    if (error instanceof UngradableSubmissionError) {
      return finish([], { code: error.code, message: error.message, hint: error.hint });
    }
    if (signal.aborted) return finish([], CANCELLED);
    throw error;
  }

  const scope = new ResourceScope();
  const halt = new AbortController();
  const budgetSeconds = request.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
  const budget = setTimeout(() => halt.abort(new RunHalt(budgetSpent(budgetSeconds))), budgetSeconds * 1000);
  const runSignal = AbortSignal.any([signal, halt.signal]);
  const watchdog = startDiskWatchdog({ engine, runId, onBreach: (reason) => halt.abort(new RunHalt(reason)) });
  let runs: CheckRun[];
  try {
    const fixtureContext: FixtureContext = {
      runId,
      exercise,
      submission: plan.submission,
      preflight: plan,
      engine,
      signal: runSignal,
      findings: noticed,
      scope,
      use: (fixture) => fixtures.use(fixture),
    };
    const fixtures = new FixtureCache(fixtureContext);
    runs = await timer.time("checks", () => runChecks(checks, (checkSignal) => ({ ...fixtureContext, signal: checkSignal }), runSignal));
    // Unscored, before the teardown removes the images: a halted or cancelled run scans nothing more.
    if (!runSignal.aborted) await timer.time("image-scan", () => scanRunImages(fixtureContext));
  } finally {
    clearTimeout(budget);
    await watchdog[Symbol.asyncDispose]();
    await timer.time("teardown", async () => {
      if (request.keepImages) {
        for (const name of await keepRunImages(engine, runId, exercise.id)) request.onProgress?.(`kept image ${name}`);
      }
      await scope[Symbol.asyncDispose]();
      // What the scope could not remove is caught by the label; say so, since it is our bug.
      for (const failure of scope.teardownFailures) request.onProgress?.(`clean-up: ${failure}`);
      await sweepRuns(engine, runId);
    });
  }
  return finish(runs);
}

function budgetSpent(seconds: number): Text {
  return text(
    `Le temps accordé à la correction de ce rendu (${seconds} s) est écoulé. Un build ou un conteneur qui ne finit jamais ? Essayez chaque étape à la main (\`docker build\`, \`docker compose up\`) et regardez laquelle ne rend pas la main.`,
    `The time allowed to grade this submission (${seconds} s) ran out. A build or a container that never finishes? Try each step by hand (\`docker build\`, \`docker compose up\`) and see which one does not return.`,
  );
}

/** Nothing is built or started: every refused setting is listed where it is written. */
function policyRefusal(violations: readonly PolicyViolation[]): FailureStatement {
  const count = violations.length;
  return {
    code: "policy-refused",
    message: text(
      `Le correcteur refuse d'exécuter ce rendu sur sa machine : ${count} réglage(s) donneraient au conteneur un accès à l'hôte.`,
      `The grader refuses to run this submission on its machine: ${count} setting(s) would give a container access to the host.`,
    ),
    hint: text(
      "Retirez ces réglages : l'exercice n'en a pas besoin, et en production ils annulent l'isolation du conteneur (chapitre 08, Sécurité).",
      "Remove these settings: the exercise does not need them, and in production they undo the container's isolation (chapter 08, Security).",
    ),
    violations: violations.map((violation) => ({
      rule: violation.rule,
      file: violation.file,
      ...(violation.line === undefined ? {} : { line: violation.line }),
      setting: violation.setting,
      message: violation.message,
      ...(violation.cis === undefined ? {} : { cis: violation.cis }),
    })),
  };
}

const CANCELLED: FailureStatement = {
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
  plan: PreflightPlan,
  signal: AbortSignal,
  onProgress: ((message: string) => void) | undefined,
): Promise<void> {
  const options = { signal, ...(onProgress ? { onProgress } : {}) };
  try {
    await ensureBaseImages(engine, [...exercise.baseImages, PROBE_IMAGE], options);
  } catch (error) {
    if (!(error instanceof BaseImageError)) throw error;
    throw new UngradableSubmissionError("base-image-unavailable", error.message, error.hint);
  }
  if (!plan.dockerfile?.bytes) return;
  const dockerfile = dockerfileText(plan.dockerfile.bytes);
  const declared = new Set(exercise.baseImages.map(normaliseImageRef));
  for (const from of readFromLines(dockerfile)) {
    if (from.internal || !from.resolved) continue;
    try {
      if (declared.has(normaliseImageRef(from.resolved))) continue;
      await ensureBaseImages(engine, [from.resolved], options);
    } catch (error) {
      if (!(error instanceof BaseImageError)) throw error;
    }
  }
}
