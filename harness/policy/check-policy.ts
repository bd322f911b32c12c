import { checkComposePolicy } from "./compose-policy.ts";
import { checkDockerfilePolicy } from "./dockerfile-policy.ts";
import type { PolicyInput, PolicyViolation } from "./violation.ts";

/**
 * Everything the sandbox policy refuses in a submission, before anything is built or started.
 * Rules the exercise names in `policy.allow` are its declared exceptions and drop out here.
 *
 * Compose first: the Dockerfile pass asks `docker compose config` where the services' Dockerfiles
 * are, which is safe only once the Compose pass has vouched for the raw files (an alias bomb keeps
 * Compose busy for minutes). A project the Compose pass refuses is reported on its own.
 */
export async function checkPolicy(input: PolicyInput): Promise<PolicyViolation[]> {
  const allowed = new Set(input.exercise.policy.allow);
  const refused = (found: readonly PolicyViolation[]) => found.filter((violation) => !allowed.has(violation.rule));
  const compose = refused(await checkComposePolicy(input));
  if (compose.length > 0) return compose;
  return refused(await checkDockerfilePolicy(input));
}
