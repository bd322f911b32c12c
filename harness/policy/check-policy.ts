import { checkComposePolicy } from "./compose-policy.ts";
import { checkDockerfilePolicy } from "./dockerfile-policy.ts";
import type { PolicyInput, PolicyViolation } from "./violation.ts";

/**
 * Everything the sandbox policy refuses in a submission, before anything is built or started.
 * Rules the exercise names in `policy.allow` are its declared exceptions and drop out here.
 */
export async function checkPolicy(input: PolicyInput): Promise<PolicyViolation[]> {
  const found = [...(await checkDockerfilePolicy(input)), ...(await checkComposePolicy(input))];
  const allowed = new Set(input.exercise.policy.allow);
  return found.filter((violation) => !allowed.has(violation.rule));
}
