import type { Text } from "../kernel/text.ts";

/**
 * One thing in the submission the grader refuses to build or run on its host, found before anything
 * is built or started. Where it is (file and line) and which setting, so the student can fix it.
 */
export interface PolicyViolation {
  /** Stable id of the rule, e.g. `privileged`, `host-namespace`; an exercise may allow one by this id. */
  readonly rule: string;
  /** Path relative to the submission root. */
  readonly file: string;
  /** 1-based line in that file, when the rule could place it. */
  readonly line?: number;
  /** The offending setting as written, e.g. `services.web.privileged: true` or `# syntax=evil/frontend`. */
  readonly setting: string;
  /** What is refused and why, in both languages. */
  readonly message: Text;
  /** The CIS Docker Benchmark recommendation the rule follows, e.g. `5.4`. */
  readonly cis?: string;
}
