import type { CourseRef } from "../kernel/check.ts";
import type { FindingSeverity } from "../kernel/result.ts";
import type { Text } from "../kernel/text.ts";
import type { LintedDockerfile, LintInstruction } from "./linted-dockerfile.ts";

/** One place a rule fires: 1-based line and column, and what is wrong there, in both languages. */
export interface LintHit {
  readonly line: number;
  readonly column: number;
  readonly message: Text;
}

/**
 * What a report and a pragma know of a rule: every finding the lint emits names one (SARIF's rule
 * list, `# dockgrade ignore=`). Ids are ours (`DG30xx`); `peer` names hadolint's rule for the same
 * lesson, whose documented examples the tests replay, so a student who meets hadolint later finds
 * the same advice.
 */
export interface LintRuleDefinition {
  readonly id: string;
  readonly peer?: string;
  /** BuildKit's build check for the same lesson (`docker build --check`), named as `# check=skip=` names it. */
  readonly buildkit?: string;
  readonly severity: FindingSeverity;
  /** One line: what the rule asks. */
  readonly title: Text;
  /** Why it matters and how to fix it (SARIF's help). */
  readonly help: Text;
  readonly course: CourseRef;
}

/** One lesson of the course a Dockerfile can be read for, without building it. */
export interface LintRule extends LintRuleDefinition {
  check(dockerfile: LintedDockerfile): LintHit[];
}

/** A hit on an instruction's keyword. */
export function hitAt(instruction: LintInstruction, message: Text): LintHit {
  return { line: instruction.line, column: instruction.column, message };
}
