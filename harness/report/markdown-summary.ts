import { formatNumber, label, ui } from "../kernel/ui.ts";
import type { CheckResult, CheckStatus, GradeResult, GradingFailure } from "../kernel/result.ts";
import { localize, text, type Lang } from "../kernel/text.ts";
import { markdownText } from "./markdown-text.ts";

const SYMBOL: Readonly<Record<CheckStatus, string>> = { passed: "✅", failed: "❌", error: "⚠️", skipped: "⏭️" };
const WORDS = {
  check: text("Vérification", "Check"),
  details: text("Détail", "Details"),
} as const;

/**
 * One student's result as Markdown for a CI job summary ($GITHUB_STEP_SUMMARY): the score, one table row
 * per check, and the refusal when there is one. Every string from the result goes through `markdownText`,
 * so a submission cannot break the table or slip HTML into the page.
 */
export function renderResultSummary(result: GradeResult): string {
  const { lang } = result;
  const t = ui(lang);
  const lines = [`### ${markdownText(result.exercise.title)} — ${label(t.score, lang)} ${points(result.score, result.maxScore, lang)}`, ""];
  if (result.failure !== undefined) lines.push(...failureLines(result.failure, lang), "");
  if (result.checks.length > 0) {
    lines.push(`| | ${localize(WORDS.check, lang)} | ${t.points} | ${localize(WORDS.details, lang)} |`, "| :-: | --- | --: | --- |");
    for (const check of result.checks) lines.push(checkRow(check, lang));
  }
  return `${lines.join("\n")}\n`;
}

function checkRow(check: CheckResult, lang: Lang): string {
  const details = check.status === "passed" ? "" : markdownText(check.message);
  const hint = check.status === "failed" && check.hint.trim() !== "" ? `<br>${label(ui(lang).hint, lang)} ${markdownText(check.hint)}` : "";
  return `| ${SYMBOL[check.status]} | ${markdownText(check.title)} | ${points(check.earned, check.points, lang)} | ${details}${hint} |`;
}

function failureLines(failure: GradingFailure, lang: Lang): string[] {
  const settings = (failure.violations ?? []).map((refused) => {
    const where = `${refused.file}${refused.line === undefined ? "" : `:${refused.line}`}`;
    return `- ${markdownText(where)} ${markdownText(refused.setting)} — ${markdownText(refused.message)}`;
  });
  return [`> **${SYMBOL.failed} ${ui(lang).failureTitle}** — ${markdownText(failure.message)}`, "", ...settings];
}

function points(earned: number, max: number, lang: Lang): string {
  return `${formatNumber(earned, lang)}/${formatNumber(max, lang)}`;
}
