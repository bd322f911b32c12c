import { createHash } from "node:crypto";
import { LINT_RULES } from "../lint/rule-set.ts";
import type { LintRule } from "../lint/lint-rule.ts";
import type { Finding, FindingSeverity, GradeResult } from "../kernel/result.ts";
import { localize, type Lang } from "../kernel/text.ts";
import { repositoryPath } from "./findings.ts";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Versioned, like the checks' SARIF key, and distinct from it: a lint alert is not a failed check. */
export const LINT_FINGERPRINT_KEY = "dockgradeLint/v1";

/** SARIF has no `info` level: `note` is its least severe. */
const LEVEL: Readonly<Record<FindingSeverity, "error" | "warning" | "note">> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0 of a grading run's lint findings, for code scanning: every lint rule (found or not, so
 * the rule set does not change with the submission), with its help in French and English and its
 * course chapter as a tag, and a result per lint finding at its line and column. Paths are the
 * findings' own, under `root` (the submission's folder relative to the repository, `""` when it is
 * the repository), resolved against `%SRCROOT%`. A fingerprint names the rule, the file and which
 * occurrence of the rule in that file it is: moving a line keeps the alert.
 */
export function renderLintSarif(result: GradeResult, root = ""): string {
  const findings = (result.findings ?? []).filter((finding) => finding.kind === "lint");
  const index = new Map(LINT_RULES.map((rule, position) => [rule.id, position]));
  const seen = new Map<string, number>();
  const results = findings.map((finding) => {
    const identity = [finding.rule, finding.file].join("\u0000");
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return sarifResult(finding, index.get(finding.rule), repositoryPath(root, finding.file), hash(`${identity}\u0000${occurrence}`));
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "dockgrade-lint", version: result.tool.version, semanticVersion: result.tool.version, rules: LINT_RULES.map((rule) => sarifRule(rule, result.lang)) } },
        // Code scanning keeps one set of alerts per category: the lint's apart from the checks'.
        automationDetails: { id: `dockgrade-lint/${result.exercise.id}/` },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: LintRule, lang: Lang) {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: localize(rule.title, lang) },
    fullDescription: { text: localize(rule.help, lang) },
    // Both languages: code scanning shows one help text whatever the reader's language.
    help: { text: `${rule.help.fr}\n\n${rule.help.en}`, markdown: `**Français.** ${rule.help.fr}\n\n**English.** ${rule.help.en}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["docker", "dockerfile", `chapter-${rule.course.chapter}`],
      ...(rule.peer === undefined ? {} : { hadolint: rule.peer }),
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number | undefined, path: string, fingerprint: string) {
  const region = finding.line === undefined ? undefined : { startLine: finding.line, ...(finding.column === undefined ? {} : { startColumn: finding.column }) };
  return {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: "%SRCROOT%" }, ...(region ? { region } : {}) } }],
    partialFingerprints: { [LINT_FINGERPRINT_KEY]: fingerprint },
  };
}

/** A relative URI reference: each segment percent-encoded, so a space or `#` in a file name stays part of the path. */
function uriOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function hash(identity: string): string {
  return createHash("sha256").update(identity).digest("hex");
}
