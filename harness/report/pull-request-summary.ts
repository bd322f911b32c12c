import { formatPercent, label } from "../kernel/ui.ts";
import type { GradeResult } from "../kernel/result.ts";
import { localize, text, type Lang } from "../kernel/text.ts";
import { renderResultSummary } from "./markdown-summary.ts";

const WORDS = {
  heading: text("Correction de la pull request", "Pull request grading"),
  nothing: text(
    "Cette pull request ne modifie le `starter/` d’aucun exercice : il n’y a rien à corriger.",
    "This pull request changes no exercise's `starter/`: there is nothing to grade.",
  ),
  threshold: text("Seuil", "Threshold"),
  reached: text("atteint pour chaque exercice", "reached by every exercise"),
  missed: text("non atteint", "not reached"),
} as const;

/**
 * The job summary of a pull request: a heading with the pass mark and whether every touched exercise
 * reached it, then each exercise's own summary; or one sentence saying no exercise was touched.
 */
export function renderPullRequestSummary(results: readonly GradeResult[], thresholdPercent: number, passed: boolean, lang: Lang): string {
  const heading = `## ${localize(WORDS.heading, lang)}`;
  if (results.length === 0) return `${heading}\n\n${localize(WORDS.nothing, lang)}\n`;
  const verdict = passed ? `✅ ${localize(WORDS.reached, lang)}` : `❌ ${localize(WORDS.missed, lang)}`;
  const threshold = `${label(localize(WORDS.threshold, lang), lang)} ${formatPercent(thresholdPercent / 100, lang)} — ${verdict}`;
  return [`${heading}\n\n${threshold}\n`, ...results.map(renderResultSummary)].join("\n");
}
