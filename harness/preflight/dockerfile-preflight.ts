import { realpath } from "node:fs/promises";
import { dockerfileOf, type ComposeBuildSection } from "../engine/clients/compose-builder.ts";
import type { ComposeModel } from "../engine/compose-model.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { checkDockerfilePolicy } from "../policy/dockerfile-policy.ts";
import type { PolicyViolation } from "../policy/violation.ts";
import { readSubmissionDockerfile, type DockerfileBuild, type SubmissionDockerfile } from "../submission/submission-dockerfile.ts";
import type { Submission } from "../submission/submission.ts";
import type { ComposePlan } from "./preflight-plan.ts";

export interface DockerfilePreflight {
  readonly builds: readonly DockerfileBuild[];
  /** Every setting the Dockerfile pass found in them, those the exercise allows included. */
  readonly violations: readonly PolicyViolation[];
}

/**
 * The Dockerfile half of the preflight: the images the grader will build, their Dockerfiles read,
 * judged by the policy's Dockerfile pass. A project Compose could not resolve lists no service:
 * the compose-valid check reports it.
 */
export async function prepareBuilds(exercise: Exercise, submission: Submission, compose: ComposePlan | undefined): Promise<DockerfilePreflight> {
  const builds = await listBuilds(exercise, submission, compose?.interpolated.ok ? compose.interpolated.model : undefined);
  const places = exercise.compose && compose && { files: exercise.compose.files, sources: compose.sources };
  return { builds, violations: checkDockerfilePolicy(builds, places) };
}

/**
 * The images the grader will build and their Dockerfiles, each file read once however many
 * services build from it: the exercise's own, then each service of the resolved Compose model
 * with a `build:` section (`dockerfile` or `dockerfile_inline`), in the model's order.
 */
async function listBuilds(exercise: Exercise, submission: Submission, model: ComposeModel | undefined): Promise<DockerfileBuild[]> {
  const read = new Map<string, Promise<SubmissionDockerfile | undefined>>();
  const readOnce = async (path: string) => {
    const real = await realpath(path).catch(() => undefined);
    if (!real) return undefined;
    const dockerfile = read.get(real) ?? readSubmissionDockerfile(submission.root, real);
    read.set(real, dockerfile);
    return dockerfile;
  };
  const builds: DockerfileBuild[] = [];
  if (exercise.build && submission.dockerfile && submission.contextDir) {
    builds.push({ dockerfile: await readOnce(submission.dockerfile), context: submission.contextDir, args: {} });
  }
  for (const [service, definition] of Object.entries(model?.services ?? {})) {
    if (!definition.build) continue;
    const section = definition.build as ComposeBuildSection;
    const dockerfile = dockerfileOf(section);
    const file = "path" in dockerfile ? await readOnce(dockerfile.path) : { inline: dockerfile.inline };
    builds.push({ service, dockerfile: file, context: section.context, args: section.args ?? {} });
  }
  return builds;
}
