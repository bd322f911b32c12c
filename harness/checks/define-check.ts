import type { Text } from "../kernel/text.ts";
import type { Check } from "./check.ts";

/** What a grader suite may change on a library check without rewriting it. */
export interface CheckOverrides {
  readonly points?: number;
  readonly hint?: Text;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function defineCheck(check: Omit<Check, "timeoutMs"> & { readonly timeoutMs?: number }, overrides: CheckOverrides = {}): Check {
  return {
    ...check,
    timeoutMs: overrides.timeoutMs ?? check.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    points: overrides.points ?? check.points,
    hint: overrides.hint ?? check.hint,
  };
}
