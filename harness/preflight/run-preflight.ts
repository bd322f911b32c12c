import type { Engine } from "../engine/engine.ts";
import type { Exercise } from "../exercise/exercise.ts";
import type { PolicyViolation } from "../policy/violation.ts";
import { loadSubmission } from "../submission/load-submission.ts";
import { prepareCompose, type PreflightInput } from "./compose-preflight.ts";
import { prepareBuilds } from "./dockerfile-preflight.ts";
import type { ComposePlan, PreflightPlan } from "./preflight-plan.ts";

export interface PreflightRequest {
  readonly engine: Engine;
  readonly exercise: Exercise;
  readonly submissionPath: string;
  readonly runId: string;
}

/** The plan of a submission the sandbox policy accepts, or every setting it refuses, where each is written. */
export type Preflight = { readonly ok: true; readonly plan: PreflightPlan } | { readonly ok: false; readonly violations: readonly PolicyViolation[] };

/**
 * One grading run's look at the submission before anything is built or started: loaded (throws
 * UngradableSubmissionError for a folder that cannot be graded), its Compose project read and
 * resolved, its Dockerfiles listed and read, the whole judged by the sandbox policy.
 */
export async function preflight(request: PreflightRequest): Promise<Preflight> {
  const submission = await loadSubmission(request.submissionPath, request.exercise);
  return planSubmission({ engine: request.engine, exercise: request.exercise, submission, runId: request.runId });
}

/**
 * The preflight of a loaded submission. Rules the exercise names in `policy.allow` are its declared
 * exceptions and drop out here. Compose first: the services' Dockerfiles are found in the model
 * Compose resolves, which is asked for only once the Compose pass has vouched for the raw files
 * (an alias bomb keeps Compose busy for minutes). A project the Compose pass refuses is reported on its own.
 */
export async function planSubmission(input: PreflightInput): Promise<Preflight> {
  const { exercise, submission } = input;
  const allowed = new Set(exercise.policy.allow);
  const refused = (found: readonly PolicyViolation[]) => found.filter((violation) => !allowed.has(violation.rule));
  let compose: ComposePlan | undefined;
  if (exercise.compose) {
    const found = await prepareCompose(input);
    const violations = refused(found.violations);
    // The pass stops Compose only on a setting the exercise does not allow: `violations` names it.
    if (violations.length > 0 || !found.plan) return { ok: false, violations };
    compose = found.plan;
  }
  const { builds, violations: found } = await prepareBuilds(exercise, submission, compose);
  const violations = refused(found);
  if (violations.length > 0) return { ok: false, violations };
  const own = builds.find((build) => build.service === undefined)?.dockerfile;
  const dockerfile = own && !("inline" in own) ? own : undefined;
  return { ok: true, plan: { submission, builds, ...(compose ? { compose } : {}), ...(dockerfile ? { dockerfile } : {}) } };
}
