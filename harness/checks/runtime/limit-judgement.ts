import type { Enforced } from "./cgroup-limits.ts";

export type LimitJudgement =
  | { readonly kind: "within"; readonly value: number }
  | { readonly kind: "missing" }
  | { readonly kind: "too-high"; readonly value: number }
  /** The engine took the limit but the kernel does not apply it: the machine's fault, not the student's. */
  | { readonly kind: "not-enforced"; readonly configured: number; readonly enforced: Enforced };

export interface LimitRule {
  readonly max: number;
  /** Rounding the kernel applies (memory to whole pages). */
  readonly tolerance: number;
}

/**
 * A limit counts when the engine has it (`configured`, from inspect) and the kernel enforces the same
 * value (`enforced`, from the cgroup files). A limit the kernel enforces without the engine knowing
 * (a parent cgroup) still protects the host, so it counts too.
 */
export function judgeLimit(configured: number | undefined, enforced: Enforced, rule: LimitRule): LimitJudgement {
  const value = configured ?? (typeof enforced === "number" ? enforced : undefined);
  if (value === undefined) return { kind: "missing" };
  if (configured !== undefined && (typeof enforced !== "number" || Math.abs(enforced - configured) > rule.tolerance)) {
    return { kind: "not-enforced", configured, enforced };
  }
  return value > rule.max + rule.tolerance ? { kind: "too-high", value } : { kind: "within", value };
}
