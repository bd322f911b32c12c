import type { PolicyInput, PolicyViolation } from "./violation.ts";

/** The Compose project's settings the grader refuses (placeholder until the rules land). */
export async function checkComposePolicy(_input: PolicyInput): Promise<PolicyViolation[]> {
  return [];
}
