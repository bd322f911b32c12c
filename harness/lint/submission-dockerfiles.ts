import { readDockerignore } from "../engine/build/build-context.ts";
import type { Exercise } from "../exercise/exercise.ts";
import type { FindingInput } from "../kernel/findings.ts";
import type { PreflightPlan } from "../preflight/preflight-plan.ts";
import { dockerfileText } from "../submission/submission-dockerfile.ts";
import { lintDockerfile } from "./lint.ts";
import { providedState, skippedAsProvided } from "./provided-dockerfiles.ts";

/**
 * Lints every Dockerfile the grader will build, as the preflight read them: the exercise's own and,
 * for a Compose exercise, each service's. A `dockerfile_inline` is left out: its lines are not the
 * Compose file's. Only regular files inside the submission were read, and each is linted once; the
 * plan exists only for a submission the policy accepted. A Dockerfile the exercise provides is the
 * course's: left out with a note while it is the starter's copy, linted with a warning once changed.
 * Each is read with the `.dockerignore` its build will apply (the first build naming it, when several
 * do), as the engine reads it before sending the context.
 */
export async function lintSubmissionDockerfiles(plan: PreflightPlan, exercise: Exercise): Promise<FindingInput[]> {
  const findings: FindingInput[] = [];
  const seen = new Set<string>();
  for (const { dockerfile, context } of plan.builds) {
    if (!dockerfile || "inline" in dockerfile || !dockerfile.bytes || seen.has(dockerfile.path)) continue;
    seen.add(dockerfile.path);
    const source = dockerfileText(dockerfile.bytes);
    const state = await providedState(exercise, dockerfile.file, source);
    if (state === "untouched") {
      findings.push(skippedAsProvided(dockerfile.file));
      continue;
    }
    const dockerignore = await readDockerignore(context, dockerfile.path);
    findings.push(
      ...lintDockerfile(source, dockerfile.file, { ...(dockerignore === undefined ? {} : { dockerignore }), changedProvided: state === "changed" }),
    );
  }
  return findings;
}
