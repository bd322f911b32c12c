import { createHash } from "node:crypto";
import { label } from "../kernel/ui.ts";
import { localize, text, type Lang } from "../kernel/text.ts";
import type { Finding as ResultFinding, FindingSeverity, GradeResult } from "../kernel/result.ts";
import { LINT_RULE_DEFINITIONS } from "../lint/rule-set.ts";
import type { LintRuleDefinition } from "../lint/lint-rule.ts";
import { findingsOf, repositoryPath, type Finding, type RepositorySubmission } from "./findings.ts";
import { plainText } from "./plain-text.ts";

/**
 * The one SARIF 2.1.0 renderer, for GitHub code scanning. It writes two logs, each one run: the checks
 * of the exercises a pull request touched (`results.sarif`) and the lint of one graded submission
 * (`lint.sarif`). Both share the log, the locations under `%SRCROOT%` and versioned fingerprint keys.
 */
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The key code scanning compares across runs; versioned so a new identity scheme never matches an old one. */
export const FINGERPRINT_KEY = "dockgradeFinding/v1";
/** Versioned, like the checks' key, and distinct from it: a lint alert is not a failed check. */
export const LINT_FINGERPRINT_KEY = "dockgradeLint/v1";

/** SARIF has no `info` level: `note` is its least severe. */
const LEVEL: Readonly<Record<FindingSeverity, "error" | "warning" | "note">> = { error: "error", warning: "warning", info: "note" };

const WORDS = {
  refused: text("Réglage refusé par la politique du bac à sable", "Setting refused by the sandbox policy"),
} as const;

interface Rule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: "error" };
  readonly properties: { readonly tags: readonly string[] };
}

/**
 * SARIF 2.1.0 for GitHub code scanning, one run for every exercise a pull request touched: a rule per
 * check (passed ones too, so the rule set does not change with the score) and per refused policy rule,
 * and a result of level `error` per failed check or refused setting that has a file. Passed checks are
 * not results: code scanning closes an alert when its result stops being reported, and a `note` would be
 * shown as an alert on work that is right. Grader errors are not results either: not the student's code.
 * Paths are relative to the repository root under `%SRCROOT%`, as code scanning resolves them against the
 * checkout; `partialFingerprints` hold a hash of what the finding is, so a moved line is the same alert.
 */
export function renderSarif(submissions: readonly RepositorySubmission[], toolVersion: string): string {
  const lang: Lang = submissions[0]?.result.lang ?? "en";
  const findings = findingsOf(submissions).filter((finding) => finding.severity === "error" && finding.path !== undefined);
  const rules = rulesOf(submissions, findings, lang);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  return sarifLog({
    tool: { driver: { name: "dockgrade", version: toolVersion, semanticVersion: toolVersion, rules } },
    results: findings.map((finding) => sarifResult(finding, index.get(finding.ruleId) ?? 0)),
  });
}

/**
 * The lint findings of one graded submission: every lint rule (found or not, so the rule set does not
 * change with the submission), with its help in French and English and its course chapter as a tag,
 * and a result per lint finding at its line and column. Paths are the findings' own, under `root` (the
 * submission's folder relative to the repository, `""` when it is the repository). A fingerprint names
 * the rule, the file and which occurrence of the rule in that file it is: moving a line keeps the alert.
 */
export function renderLintSarif(result: GradeResult, root = ""): string {
  const findings = (result.findings ?? []).filter((finding) => finding.kind === "lint");
  const index = new Map(LINT_RULE_DEFINITIONS.map((rule, position) => [rule.id, position]));
  const seen = new Map<string, number>();
  const results = findings.map((finding) => {
    const identity = [finding.rule, finding.file].join("\u0000");
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return lintResult(finding, index.get(finding.rule), repositoryPath(root, finding.file), hash(`${identity}\u0000${occurrence}`));
  });
  return sarifLog({
    tool: {
      driver: {
        name: "dockgrade-lint",
        version: result.tool.version,
        semanticVersion: result.tool.version,
        rules: LINT_RULE_DEFINITIONS.map((rule) => lintRule(rule, result.lang)),
      },
    },
    // Code scanning keeps one set of alerts per category: the lint's apart from the checks'.
    automationDetails: { id: `dockgrade-lint/${result.exercise.id}/` },
    results,
  });
}

function sarifLog(run: object): string {
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }, null, 2)}\n`;
}

function rulesOf(submissions: readonly RepositorySubmission[], findings: readonly Finding[], lang: Lang): Rule[] {
  const rules = new Map<string, Rule>();
  for (const { result } of submissions) {
    for (const check of result.checks) {
      if (rules.has(check.id)) continue;
      const help = [check.title, check.hint, check.course].map((line) => plainText(line).trim()).filter((line) => line !== "");
      rules.set(check.id, rule(check.id, plainText(check.title), help.join("\n"), ["docker", `chapter-${result.exercise.chapter}`]));
    }
  }
  // The other findings with a file are refused settings, whose rule is `policy/<rule>`.
  for (const finding of findings) {
    if (rules.has(finding.ruleId)) continue;
    const title = `${label(localize(WORDS.refused, lang), lang)} ${finding.ruleId.replace(/^policy\//, "")}`;
    rules.set(finding.ruleId, rule(finding.ruleId, title, title, ["docker", "security"]));
  }
  return [...rules.values()];
}

function rule(id: string, title: string, help: string, tags: readonly string[]): Rule {
  return {
    id,
    // SARIF names are identifiers shown by viewers; the id already is one.
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase()),
    shortDescription: { text: title },
    help: { text: help },
    defaultConfiguration: { level: "error" },
    properties: { tags },
  };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    kind: "fail",
    level: "error",
    message: { text: `${finding.title}\n${finding.message}` },
    locations: [location(finding.path ?? "", finding.line === undefined ? undefined : { startLine: finding.line })],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
}

function lintRule(rule: LintRuleDefinition, lang: Lang) {
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

function lintResult(finding: ResultFinding, ruleIndex: number | undefined, path: string, fingerprint: string) {
  const region = finding.line === undefined ? undefined : { startLine: finding.line, ...(finding.column === undefined ? {} : { startColumn: finding.column }) };
  return {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(path, region)],
    partialFingerprints: { [LINT_FINGERPRINT_KEY]: fingerprint },
  };
}

/** A file of the repository, resolved by code scanning against the checkout, with its region when known. */
function location(path: string, region: { readonly startLine: number; readonly startColumn?: number } | undefined) {
  return { physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: "%SRCROOT%" }, ...(region === undefined ? {} : { region }) } };
}

function hash(identity: string): string {
  return createHash("sha256").update(identity).digest("hex");
}

/** A relative URI reference: each segment percent-encoded, so a space or `#` in a file name stays part of the path. */
function uriOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
