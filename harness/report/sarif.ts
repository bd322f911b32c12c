import { label } from "../kernel/ui.ts";
import { localize, text, type Lang } from "../kernel/text.ts";
import { findingsOf, type Finding, type RepositorySubmission } from "./findings.ts";
import { plainText } from "./plain-text.ts";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The key code scanning compares across runs; versioned so a new identity scheme never matches an old one. */
export const FINGERPRINT_KEY = "dockgradeFinding/v1";

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
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "dockgrade", version: toolVersion, semanticVersion: toolVersion, rules } },
        results: findings.map((finding) => sarifResult(finding, index.get(finding.ruleId) ?? 0)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
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
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.path ?? ""), uriBaseId: "%SRCROOT%" },
          ...(finding.line === undefined ? {} : { region: { startLine: finding.line } }),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
}

/** A relative URI reference: each segment percent-encoded, so a space or `#` in a file name stays part of the path. */
function uriOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
