import type { ComposeConfigOutcome, ComposeProjectSpec } from "../engine/clients/compose-project-spec.ts";
import type { ComposeSource } from "../policy/compose-sources.ts";
import type { DockerfileBuild, SubmissionDockerfile } from "../submission/submission-dockerfile.ts";
import type { Submission } from "../submission/submission.ts";

/** The submission's Compose project, read and resolved once, before any check runs. */
export interface ComposePlan {
  /** How the exercise runs it: the submission's folder and files, the run's project name, the exercise's profiles. */
  readonly spec: ComposeProjectSpec;
  /** The files as written (the exercise's, Compose's default ones, what they include or extend), for lines. */
  readonly sources: readonly ComposeSource[];
  /** `docker compose config --no-interpolate`: `${VAR}` as written, env files as paths. */
  readonly literal: ComposeConfigOutcome;
  /** `docker compose config`: what the checks judge and the stack runs. */
  readonly interpolated: ComposeConfigOutcome;
}

/**
 * What the grader knows about a submission before it builds or starts anything, learnt once per
 * grading run and accepted by the sandbox policy: the lint, the base images and the checks read it
 * instead of asking Compose or the disk again.
 */
export interface PreflightPlan {
  readonly submission: Submission;
  /** Undefined for an exercise without Compose. */
  readonly compose?: ComposePlan;
  /** Every image the grader will build, in order: the exercise's own, then each Compose service's. */
  readonly builds: readonly DockerfileBuild[];
  /** The exercise's own Dockerfile (`build:`), read; undefined when the exercise builds none. */
  readonly dockerfile?: SubmissionDockerfile;
}
