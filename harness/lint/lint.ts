import type { FindingInput } from "../kernel/findings.ts";
import type { FindingSeverity } from "../kernel/result.ts";
import { readCheckDirective, underCheckDirective } from "./check-directive.ts";
import { ignoredRules, isIgnored } from "./ignore-pragmas.ts";
import { readLintedDockerfile, type LintSurroundings } from "./linted-dockerfile.ts";
import { LINT_RULE_DEFINITIONS, LINT_RULES } from "./rule-set.ts";

/** Gravest first: `failOn: "warning"` means a warning or an error. */
const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = { error: 2, warning: 1, info: 0 };

/**
 * Reads a Dockerfile for the course's lessons, without building it: one `lint` finding per rule and
 * place, at the line and column to change. `file` is the Dockerfile's path relative to the submission.
 * A finding its Dockerfile silences (`# hadolint ignore=…`, harness/lint/ignore-pragmas.ts; BuildKit's
 * `# check=skip=…`, harness/lint/check-directive.ts) is dropped; under `# check=error=true` a BuildKit
 * check's finding is an error, as the build fails on it. `surroundings` is what the caller read beside
 * the text (the build context's `.dockerignore`, whether it is a provided file changed).
 */
export function lintDockerfile(source: string, file: string, surroundings: LintSurroundings = {}): FindingInput[] {
  const dockerfile = readLintedDockerfile(source, surroundings);
  const ignored = ignoredRules(dockerfile, LINT_RULE_DEFINITIONS);
  const directive = readCheckDirective(dockerfile);
  return LINT_RULES.flatMap((rule) =>
    rule
      .check(dockerfile)
      .filter((hit) => !isIgnored(ignored, rule.id, hit.line) && underCheckDirective(directive, rule, hit.line) !== "skipped")
      .map(
        (hit): FindingInput => ({
          kind: "lint",
          rule: rule.id,
          severity: underCheckDirective(directive, rule, hit.line) as FindingSeverity,
          message: hit.message,
          file,
          line: hit.line,
          column: hit.column,
          course: rule.course,
        }),
      ),
  );
}

export function atLeast(severity: FindingSeverity, threshold: FindingSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
