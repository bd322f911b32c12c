import type { CheckRecord } from "../kernel/check.ts";
import type { CheckContext } from "./context.ts";

/** A check of the grader's library: the kernel's record, run against a grading run's context. */
export type Check = CheckRecord<CheckContext>;
