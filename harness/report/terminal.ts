import { formatNumber, formatPercent, label, ui, type Vocabulary } from "../kernel/ui.ts";
import type { CheckResult, CheckStatus, GradeResult, RefusedSetting } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { analysisSummary } from "./analysis-view.ts";
import { plainText } from "./plain-text.ts";

export interface TerminalOptions {
  /** The caller decides (TTY, NO_COLOR, --no-color); this renderer never looks at the environment. */
  readonly color: boolean;
  /** Where the HTML report was written, shown last so the student knows where to read more. */
  readonly reportPath?: string;
}

// SGR codes as [on, off] pairs, so a style ends without resetting the ones around it.
const SGR = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
type Style = keyof typeof SGR;

const SYMBOL: Readonly<Record<CheckStatus, string>> = { passed: "✔", failed: "✘", error: "!", skipped: "–" };
const STATUS_STYLE: Readonly<Record<CheckStatus, Style>> = {
  passed: "green",
  failed: "red",
  error: "yellow",
  skipped: "dim",
};

type Paint = (style: Style, value: string) => string;

/** A compact summary for the student's terminal: the score, one line per check, and why points were lost. */
export function renderTerminal(result: GradeResult, options: TerminalOptions): string {
  const { lang } = result;
  const t = ui(lang);
  const paint: Paint = options.color ? (style, value) => `\x1b[${SGR[style][0]}m${value}\x1b[${SGR[style][1]}m` : (_, value) => value;
  const lines = [paint("bold", `${t.exercise} ${plainText(result.exercise.id)} — ${plainText(result.exercise.title)}`)];

  if (result.failure !== undefined) {
    lines.push("", paint("red", `${SYMBOL.failed} ${t.failureTitle}`));
    lines.push(...indented(plainText(result.failure.message), "  "));
    for (const refused of result.failure.violations ?? []) lines.push(...refusedLines(refused, paint));
    lines.push(...labelled(paint, label(t.hint, lang), plainText(result.failure.hint), "  ", "cyan"));
  }
  lines.push("", paint("bold", `${label(t.score, lang)} ${scoreLine(result, lang)}`));
  if (result.checks.length > 0) lines.push("");

  const pointsWidth = Math.max(0, ...result.checks.map((check) => pointsOf(check, lang).length));
  for (const check of result.checks) lines.push(...checkLines(check, t, lang, paint, pointsWidth));

  // Layers and findings in a line or two: the HTML report has them in full.
  const analysis = analysisSummary(result);
  if (analysis.length > 0) lines.push("", ...analysis.map((line) => `  ${paint("dim", plainText(line))}`));

  if (options.reportPath !== undefined) {
    lines.push("", `${label(t.fullReport, lang)} ${options.reportPath}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `compose.yaml:12  services.web.privileged: true` then why, so an editor can jump to the line. */
function refusedLines(refused: RefusedSetting, paint: Paint): string[] {
  const where = `${refused.file}${refused.line === undefined ? "" : `:${refused.line}`}`;
  const cis = refused.cis === undefined ? "" : paint("dim", ` (CIS ${refused.cis})`);
  return [`  ${paint("red", SYMBOL.failed)} ${plainText(where)}  ${plainText(refused.setting)}${cis}`, ...indented(plainText(refused.message), "      ")];
}

function scoreLine(result: GradeResult, lang: Lang): string {
  const ratio = result.maxScore > 0 ? result.score / result.maxScore : 0;
  return `${formatNumber(result.score, lang)} / ${formatNumber(result.maxScore, lang)} (${formatPercent(ratio, lang)})`;
}

function pointsOf(check: CheckResult, lang: Lang): string {
  return `${formatNumber(check.earned, lang)}/${formatNumber(check.points, lang)}`;
}

function checkLines(check: CheckResult, t: Vocabulary, lang: Lang, paint: Paint, pointsWidth: number): string[] {
  const symbol = paint(STATUS_STYLE[check.status], SYMBOL[check.status]);
  const points = pointsOf(check, lang).padStart(pointsWidth);
  const lines = [`  ${symbol} ${points}  ${plainText(check.title)}`];
  // Explanations sit under the title, so the eye can run down the column of titles.
  const indent = " ".repeat(2 + 1 + 1 + pointsWidth + 2);

  switch (check.status) {
    case "passed":
      return lines;
    case "skipped":
      return [...lines, ...labelled(paint, label(t.reason, lang), plainText(check.message), indent, "dim")];
    case "error":
      // Not the student's fault: say so, and leave out the hint, which is about fixing the submission.
      return [...lines, ...indented(plainText(check.message), indent), `${indent}${paint("yellow", t.errorNote)}`];
    case "failed": {
      const evidence: [string, string | undefined][] = [
        [label(t.expected, lang), check.expected],
        [label(t.actual, lang), check.actual],
      ];
      const width = Math.max(...evidence.map(([name]) => name.length));
      lines.push(...indented(plainText(check.message), indent));
      for (const [name, value] of evidence) {
        if (value !== undefined) lines.push(...labelled(paint, name.padEnd(width), plainText(value), indent, "dim"));
      }
      lines.push(...labelled(paint, label(t.hint, lang), plainText(check.hint), indent, "cyan"));
      lines.push(...labelled(paint, label(t.course, lang), plainText(check.course), indent, "dim"));
      return lines;
    }
  }
}

function indented(value: string, indent: string): string[] {
  if (value.trim() === "") return [];
  return value
    .trimEnd()
    .split("\n")
    .map((line) => `${indent}${line}`);
}

/** "Indice : …" with continuation lines aligned under the first word of the value; nothing when empty. */
function labelled(paint: Paint, name: string, value: string, indent: string, style: Style): string[] {
  if (value.trim() === "") return [];
  const [first = "", ...rest] = value.trim().split("\n");
  const hang = " ".repeat(name.length + 1);
  return [`${indent}${paint(style, name)} ${first}`, ...rest.map((line) => `${indent}${hang}${line}`)];
}
