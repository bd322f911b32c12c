import type { SourceLocation } from "./result.ts";
import type { Text } from "./text.ts";

/** Where in the course a check's lesson lives; every hint points there. */
export interface CourseRef {
  readonly chapter: string;
  readonly section: Text;
}

/**
 * What a check concluded about the submission. A failure is data, not an exception: the run goes on.
 * Anything a check throws is the grader's fault and is reported as `error`, never as the student's.
 */
export type Verdict =
  | { readonly outcome: "passed"; readonly message: Text; readonly details?: string }
  | {
      readonly outcome: "failed";
      readonly message: Text;
      readonly expected?: string;
      readonly actual?: string;
      readonly details?: string;
      /** The line of the submission at fault, for annotations on a pull request and SARIF. */
      readonly location?: SourceLocation;
      /** Partial credit, 0..1, where the lesson is partly learnt. Absent means none. */
      readonly credit?: number;
      /** Replaces the check's hint when the failure is not what the check teaches (the container exited: see harness/kernel/exit-explanation.ts). */
      readonly hint?: Text;
    };

/**
 * A check as the kernel knows it: what it is worth, what it needs, where its lesson is. `Context` is
 * what `run` is handed; the checks room binds it to the grading run (`harness/checks/check.ts`).
 */
export interface CheckRecord<Context> {
  readonly id: string;
  readonly title: Text;
  readonly points: number;
  /** Ids of checks that must pass first; otherwise this one is skipped with their names as the reason. */
  readonly needs: readonly string[];
  readonly course: CourseRef;
  /** Shown when the check does not pass. */
  readonly hint: Text;
  /** Budget for `run`; past it the check fails with a time-out message. */
  readonly timeoutMs: number;
  /**
   * Changes nothing another check sees (no stop, restart, injected fault, or write that another
   * check reads) and times nothing that other checks' load would skew: it may run at the same time
   * as the checks next to it that say the same. Absent, the check runs alone, after every earlier
   * check and before every later one.
   */
  readonly concurrent?: boolean;
  run(ctx: Context): Promise<Verdict>;
}

export function passed(message: Text, details?: string): Verdict {
  return details === undefined ? { outcome: "passed", message } : { outcome: "passed", message, details };
}

export function failed(
  message: Text,
  evidence: { expected?: string; actual?: string; details?: string; location?: SourceLocation; credit?: number; hint?: Text } = {},
): Verdict {
  return { outcome: "failed", message, ...evidence };
}
