import type { GraderCeiling } from "../../engine/limits/container-limits.ts";
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

const NO_CEILING: GraderCeiling = { kind: "none" };

/**
 * A limit counts when the engine has it (`configured`, from inspect) and the kernel enforces the same
 * value (`enforced`, from the cgroup files). A limit the kernel enforces without the engine knowing
 * (a parent cgroup) still protects the host, so it counts too. A value the grader put there itself
 * (`ceiling`) is not the student's: the judgement is of what the student wrote.
 */
export function judgeLimit(configured: number | undefined, enforced: Enforced, rule: LimitRule, ceiling: GraderCeiling = NO_CEILING): LimitJudgement {
  const student = studentView(configured, enforced, rule, ceiling);
  const value = student.configured ?? (typeof student.enforced === "number" ? student.enforced : undefined);
  if (value === undefined) return { kind: "missing" };
  if (student.configured !== undefined && (typeof student.enforced !== "number" || Math.abs(student.enforced - student.configured) > rule.tolerance)) {
    return { kind: "not-enforced", configured: student.configured, enforced: student.enforced };
  }
  return value > rule.max + rule.tolerance ? { kind: "too-high", value } : { kind: "within", value };
}

/**
 * The engine and the kernel hold the grader's ceiling where the student set nothing (imposed) or
 * more (capped). When the kernel does enforce that ceiling, it stands for the student's own value:
 * none at all, or the higher one they wrote. When it does not, the machine is at fault either way.
 */
function studentView(
  configured: number | undefined,
  enforced: Enforced,
  rule: LimitRule,
  ceiling: GraderCeiling,
): { configured: number | undefined; enforced: Enforced } {
  if (ceiling.kind === "none") return { configured, enforced };
  const enforcesCeiling = configured !== undefined && typeof enforced === "number" && Math.abs(enforced - configured) <= rule.tolerance;
  if (ceiling.kind === "imposed") return { configured: undefined, enforced: enforcesCeiling ? "unlimited" : enforced };
  return { configured: ceiling.studentValue, enforced: enforcesCeiling ? ceiling.studentValue : enforced };
}
