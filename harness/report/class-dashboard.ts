import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { formatDate, formatDuration, formatNumber, formatPercent, statusName, ui } from "../kernel/ui.ts";
import type { Lang } from "../kernel/text.ts";
import { TEMPLATES_ROOT } from "../exercise/project-paths.ts";
import type { ClassEntry } from "./class-entry.ts";
import { histogramView } from "./class-histogram.ts";
import { classStatistics, ratio, type ClassStatistics, type CheckRate } from "./class-statistics.ts";
import { plainText } from "./plain-text.ts";

export interface ClassDashboardOptions {
  readonly lang: Lang;
  /** IANA zone for dates, e.g. "Europe/Paris"; the host's zone when absent. */
  readonly timeZone?: string;
  /** Where a student's own report is, relative to the dashboard and already percent-encoded. */
  readonly reportHref: (entry: ClassEntry) => string;
}

/** A report link that would leave the class folder: the dashboard links to the students' reports only. */
export class ReportLinkError extends Error {
  constructor(readonly href: string) {
    super(`The link to a student's report must be a relative path inside the class folder, not ${JSON.stringify(href)}.`);
    this.name = "ReportLinkError";
  }
}

let compiled: Handlebars.TemplateDelegate<DashboardView> | undefined;

/**
 * Compiled once per process on an isolated Handlebars instance, in strict mode, with no helpers, like the
 * student's report (html.ts): the view below is already formatted and the template only lays it out.
 */
function template(): Handlebars.TemplateDelegate<DashboardView> {
  if (compiled === undefined) {
    const handlebars = Handlebars.create();
    const read = (name: string) => readFileSync(join(TEMPLATES_ROOT, `${name}.hbs`), "utf8");
    handlebars.registerPartial("styles", handlebars.compile(read("styles"), { strict: true }));
    compiled = handlebars.compile<DashboardView>(read("class-dashboard"), { strict: true, preventIndent: true });
  }
  return compiled;
}

/**
 * The instructor's page for a graded class (index.html beside each student's folder): scores, their
 * spread, which checks the class misses, what could not be graded and why, the slowest runs, late work,
 * and every student with a link to their report. Self-contained (inline CSS and SVG, no script) and
 * deterministic: it shows when the results were graded, never when the page was made.
 */
export function renderClassDashboard(entries: readonly ClassEntry[], options: ClassDashboardOptions): string {
  return template()(view(entries, options));
}

type DashboardView = ReturnType<typeof view>;

function view(entries: readonly ClassEntry[], options: ClassDashboardOptions) {
  const { lang, timeZone } = options;
  const t = ui(lang);
  const stats = classStatistics(entries, lang);
  const href = (entry: ClassEntry) => relativeLink(options.reportHref(entry));
  const date = (iso: string) => ({ iso, text: formatDate(iso, lang, timeZone) });
  const hasLateFlag = entries.some((entry) => entry.late !== undefined);
  return {
    lang,
    t,
    exercise: stats.exercise === undefined ? null : { id: shown(stats.exercise.id), title: shown(stats.exercise.title) },
    empty: entries.length === 0,
    counts: { students: entries.length, graded: stats.graded.length, ungraded: stats.ungraded.length },
    period: stats.period === undefined ? null : { first: date(stats.period.first), last: date(stats.period.last) },
    spread: spreadView(stats, lang),
    histogram: stats.graded.length === 0 ? null : histogramView(stats.histogram, lang),
    checks: stats.checks.map((rate) => rateView(rate, lang)),
    ungraded: stats.ungraded.map((entry) => ({
      student: shown(entry.student),
      href: href(entry),
      code: shown(entry.result.failure?.code ?? ""),
      message: shown(entry.result.failure?.message ?? ""),
    })),
    graderErrors: stats.graderErrors.map(({ entry, check }) => ({
      student: shown(entry.student),
      href: href(entry),
      title: shown(check.title),
      message: shown(check.message),
    })),
    slowest: stats.slowest.map(({ entry, build }) => ({
      student: shown(entry.student),
      href: href(entry),
      duration: formatDuration(entry.result.durationMs, lang),
      build: build === undefined ? "—" : `${formatDuration(build.durationMs, lang)} (${statusName(build.status, lang)})`,
    })),
    late: stats.late.map((entry) => ({
      student: shown(entry.student),
      href: href(entry),
      submittedAt: entry.submittedAt === undefined ? null : date(entry.submittedAt),
    })),
    hasLateFlag,
    students: entries.map((entry) => ({
      student: shown(entry.student),
      id: shown(entry.id ?? ""),
      score: entry.result.failure === undefined ? `${formatNumber(entry.result.score, lang)} / ${formatNumber(entry.result.maxScore, lang)}` : "—",
      percent: entry.result.failure === undefined ? formatPercent(ratio(entry.result), lang) : t.ungraded,
      late: entry.late === true,
      href: href(entry),
    })),
    tool: entries[0]?.result.tool ?? null,
  };
}

/** Mean, median, lowest and highest, in points when the class shares one maximum, always in percent. */
function spreadView(stats: ClassStatistics, lang: Lang) {
  const { spread, maxScore } = stats;
  if (spread === undefined) return [];
  const t = ui(lang);
  const figures = [
    [t.mean, spread.mean],
    [t.median, spread.median],
    [t.minimum, spread.min],
    [t.maximum, spread.max],
  ] as const;
  return figures.map(([name, value]) => ({
    name,
    points: maxScore === undefined ? "" : `${formatNumber(value * maxScore, lang)} / ${formatNumber(maxScore, lang)}`,
    percent: formatPercent(value, lang),
  }));
}

function rateView(rate: CheckRate, lang: Lang) {
  return {
    id: shown(rate.id),
    title: shown(rate.title),
    points: formatNumber(rate.points, lang),
    meanEarned: formatNumber(rate.meanEarned, lang),
    passed: `${rate.passed} / ${rate.attempted}`,
    rate: rate.rate === undefined ? "—" : formatPercent(rate.rate, lang),
    // A number we computed, never text from a submission, so it may go into a style attribute.
    width: rate.rate === undefined ? 0 : Math.round(rate.rate * 1000) / 10,
    errors: rate.errors,
    weakest: rate.weakest,
  };
}

/**
 * Submission and roster text as the page may hold it: Handlebars escapes markup, but control characters
 * (a NUL, terminal colours) are HTML parse errors and a lone surrogate is not text at all.
 */
function shown(value: string): string {
  return plainText(value).replace(/\p{Cs}/gu, "\uFFFD");
}

/**
 * The caller's link, refused unless it is a relative path: no scheme (`javascript:`), no `/` or `//`
 * start, and none of the characters a browser strips or rewrites before it reads a scheme (controls,
 * spaces, backslashes), which could turn "java\tscript:" into one.
 */
export function relativeLink(href: string): string {
  const firstSegment = href.split(/[/?#]/, 1)[0] ?? "";
  const unsafe = href === "" || /[\u0000-\u0020\u007f\\]/.test(href) || href.startsWith("/") || firstSegment.includes(":");
  if (unsafe) throw new ReportLinkError(href);
  return href;
}
