import { formatNumber, formatPercent, label, ui } from "../kernel/ui.ts";
import type { Lang } from "../kernel/text.ts";
import type { ClassEntry } from "./class-entry.ts";
import { classStatistics, ratio, type CheckRate, type ClassStatistics } from "./class-statistics.ts";
import { markdownText } from "./markdown-text.ts";

type Row = readonly string[];

/**
 * A graded class as GitHub-flavoured Markdown for a CI job summary ($GITHUB_STEP_SUMMARY): the counts,
 * the spread of scores, the pass rate of each check (the least passed in bold), every student's score,
 * then what could not be graded and the grader's own errors, apart. Every string from a submission or a
 * roster goes through `markdownText`, so none can break a table or slip HTML into the page.
 */
export function renderClassSummary(entries: readonly ClassEntry[], lang: Lang): string {
  const t = ui(lang);
  const stats = classStatistics(entries, lang);
  const title = stats.exercise === undefined ? t.classSummaryTitle : `${t.classSummaryTitle} — ${markdownText(stats.exercise.title)}`;
  const lines = [`### ${title}`, ""];
  if (entries.length === 0) return `${[...lines, t.emptyClass].join("\n")}\n`;
  lines.push(countsLine(entries, stats, lang), "");
  if (stats.spread !== undefined) lines.push(spreadLine(stats, lang), "");
  if (stats.checks.length > 0) {
    const rows = stats.checks.map((rate) => rateRow(rate, lang));
    lines.push(`#### ${t.passRates}`, "", ...table([t.check, t.points, t.passedOfAssessed, t.passRate], ["---", "--:", "--:", "--:"], rows), "");
  }
  lines.push(`#### ${t.students}`, "", ...studentsTable(entries, lang), "");
  if (stats.ungraded.length > 0) {
    const rows = stats.ungraded.map(({ student, result }) => [
      markdownText(student),
      markdownText(result.failure?.code ?? ""),
      markdownText(result.failure?.message ?? ""),
    ]);
    lines.push(`#### ${t.ungradedTitle}`, "", ...table([t.student, t.failureCode, t.reason], ["---", "---", "---"], rows), "");
  }
  if (stats.graderErrors.length > 0) {
    const rows = stats.graderErrors.map(({ entry, check }) => [markdownText(entry.student), markdownText(check.title), markdownText(check.message)]);
    lines.push(`#### ${t.graderErrors}`, "", `> ${t.graderErrorsNote}`, "", ...table([t.student, t.check, t.reason], ["---", "---", "---"], rows), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function countsLine(entries: readonly ClassEntry[], stats: ClassStatistics, lang: Lang): string {
  const t = ui(lang);
  const counts: [string, number][] = [
    [t.students, entries.length],
    [t.graded, stats.graded.length],
    [t.notGraded, stats.ungraded.length],
    [t.graderErrors, stats.graderErrors.length],
  ];
  if (stats.late.length > 0) counts.push([t.late, stats.late.length]);
  return counts.map(([name, count]) => `${label(name, lang)} **${count}**`).join(" · ");
}

/** Mean, median, lowest and highest: in points when the class shares one maximum, always in percent. */
function spreadLine(stats: ClassStatistics, lang: Lang): string {
  const t = ui(lang);
  const { spread, maxScore } = stats;
  if (spread === undefined) return "";
  const figure = (value: number) =>
    maxScore === undefined
      ? formatPercent(value, lang)
      : `${formatNumber(value * maxScore, lang)}/${formatNumber(maxScore, lang)} (${formatPercent(value, lang)})`;
  const figures: [string, number][] = [
    [t.mean, spread.mean],
    [t.median, spread.median],
    [t.minimum, spread.min],
    [t.maximum, spread.max],
  ];
  return figures.map(([name, value]) => `${label(name, lang)} **${figure(value)}**`).join(" · ");
}

function rateRow(rate: CheckRate, lang: Lang): Row {
  const percent = rate.rate === undefined ? "—" : formatPercent(rate.rate, lang);
  const title = markdownText(rate.title);
  return [
    rate.weakest ? `**${title}**` : title,
    formatNumber(rate.points, lang),
    `${rate.passed}/${rate.attempted}`,
    rate.weakest ? `**${percent}** (${ui(lang).weakest})` : percent,
  ];
}

/** One row per student; the late column only when the batch had a deadline. */
function studentsTable(entries: readonly ClassEntry[], lang: Lang): string[] {
  const t = ui(lang);
  const withLate = entries.some((entry) => entry.late !== undefined);
  const header = [t.student, t.studentId, t.score, t.percent, ...(withLate ? [t.late] : [])];
  const align = ["---", "---", "--:", "--:", ...(withLate ? [":-:"] : [])];
  const rows = entries.map(({ student, id, result, late }) => {
    const graded = result.failure === undefined;
    return [
      markdownText(student),
      markdownText(id ?? ""),
      graded ? `${formatNumber(result.score, lang)}/${formatNumber(result.maxScore, lang)}` : "—",
      graded ? formatPercent(ratio(result), lang) : t.ungraded,
      ...(withLate ? [late === true ? t.late : ""] : []),
    ];
  });
  return table(header, align, rows);
}

/** Header words start with a capital even when the vocabulary's word ("points") does not. */
function table(header: Row, align: Row, rows: readonly Row[]): string[] {
  const capitalized = header.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return [capitalized, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
}
