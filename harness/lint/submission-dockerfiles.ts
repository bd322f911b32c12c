import type { FindingInput } from "../kernel/findings.ts";
import type { PreflightPlan } from "../preflight/preflight-plan.ts";
import { dockerfileText } from "../submission/submission-dockerfile.ts";
import { lintDockerfile } from "./lint.ts";

/**
 * Lints every Dockerfile the grader will build, as the preflight read them: the exercise's own and,
 * for a Compose exercise, each service's. A `dockerfile_inline` is left out: its lines are not the
 * Compose file's. Only regular files inside the submission were read, and each is linted once; the
 * plan exists only for a submission the policy accepted.
 */
export function lintSubmissionDockerfiles(plan: PreflightPlan): FindingInput[] {
  const findings: FindingInput[] = [];
  const seen = new Set<string>();
  for (const { dockerfile } of plan.builds) {
    if (!dockerfile || "inline" in dockerfile || !dockerfile.bytes || seen.has(dockerfile.path)) continue;
    seen.add(dockerfile.path);
    findings.push(...lintDockerfile(dockerfileText(dockerfile.bytes), dockerfile.file));
  }
  return findings;
}
