import type { ComposeConfigOutcome, ComposeProjectSpec } from "../engine/clients/compose-project-spec.ts";
import { composeFiles } from "../engine/clients/compose-invocation.ts";
import type { Engine } from "../engine/engine.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { composeProjectName } from "../kernel/run-labels.ts";
import { checkComposePolicy } from "../policy/compose-policy.ts";
import { readComposeSources } from "../policy/compose-sources.ts";
import { diskView, engineSocketPaths } from "../policy/host-paths.ts";
import type { PolicyViolation } from "../policy/violation.ts";
import type { Submission } from "../submission/submission.ts";
import type { ComposePlan } from "./preflight-plan.ts";

/** A loaded submission to plan, for the grading run `runId`. */
export interface PreflightInput {
  readonly engine: Engine;
  readonly exercise: Exercise;
  readonly submission: Submission;
  readonly runId: string;
}

export interface ComposePreflight {
  /** Every setting the Compose pass found, those the exercise allows included. */
  readonly violations: readonly PolicyViolation[];
  /** Undefined when the pass stopped Compose before it resolved the project (the run is then refused). */
  readonly plan?: ComposePlan;
}

/**
 * The Compose half of the preflight: the project's files read by the grader itself, judged by the
 * Compose pass, which asks Compose to resolve the project only once the files it would read are
 * vouched for; each resolution (literal, interpolated) is asked of Compose once per run.
 */
export async function prepareCompose(input: PreflightInput): Promise<ComposePreflight> {
  const { engine, exercise } = input;
  const compose = exercise.compose;
  if (!compose) throw new Error(`exercise ${exercise.id} has no compose section`);
  const root = input.submission.root;
  const spec: ComposeProjectSpec = { dir: root, files: compose.files, projectName: composeProjectName(input.runId), profiles: compose.profiles };
  // Checks also resolve the project with Compose's default files (an autoloaded compose.override.yaml).
  const files = [...new Set([...compose.files, ...composeFiles({ dir: root, files: [] })])];
  const { sources, violations: unreadable } = await readComposeSources(root, files, diskView);
  const outcomes = new Map<boolean, Promise<ComposeConfigOutcome>>();
  const resolve = (interpolate: boolean): Promise<ComposeConfigOutcome> => {
    const outcome = outcomes.get(interpolate) ?? engine.compose.config(spec, { interpolate });
    outcomes.set(interpolate, outcome);
    return outcome;
  };
  const verdict = await checkComposePolicy({ exercise, root, engineSockets: engineSocketPaths(engine.endpoint.host), sources, unreadable, resolve });
  if (verdict.stopped) return { violations: verdict.violations };
  // The pass skips the interpolated resolution when the literal one fails; the checks need it all the same.
  return { violations: verdict.violations, plan: { spec, sources, literal: await resolve(false), interpolated: await resolve(true) } };
}
