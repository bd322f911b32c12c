import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { formatDate, formatDuration, formatNumber, formatPercent, statusCountName, statusName, ui } from "../kernel/ui.ts";
import type { CheckResult, CheckStatus, GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { TEMPLATES_ROOT } from "../exercise/project-paths.ts";
import { analysisWords, findingGroups, imageViews } from "./analysis-view.ts";
import { plainText } from "./plain-text.ts";

export interface HtmlOptions {
  /** IANA zone for dates, e.g. "Europe/Paris"; the host's zone when absent. */
  readonly timeZone?: string;
}

const PARTIALS = ["styles", "check", "analysis"] as const;
const SYMBOL: Readonly<Record<CheckStatus, string>> = { passed: "✔", failed: "✘", error: "!", skipped: "–" };
const STATUSES: readonly CheckStatus[] = ["passed", "failed", "error", "skipped"];

let compiled: Handlebars.TemplateDelegate<ReportView> | undefined;

/**
 * Compiled once per process, on an isolated Handlebars instance so nothing registered elsewhere can
 * change how a report renders. Strict mode makes a misspelt field in the template throw instead of
 * printing nothing. `preventIndent` stops Handlebars from indenting every line a partial outputs, which
 * would shift all but the first line of a multi-line log inside <pre>. There are no helpers: the view
 * below is already formatted, the template only lays it out.
 */
function template(): Handlebars.TemplateDelegate<ReportView> {
  if (compiled === undefined) {
    const handlebars = Handlebars.create();
    const read = (name: string) => readFileSync(join(TEMPLATES_ROOT, `${name}.hbs`), "utf8");
    for (const name of PARTIALS) handlebars.registerPartial(name, handlebars.compile(read(name), { strict: true }));
    compiled = handlebars.compile<ReportView>(read("report"), { strict: true, preventIndent: true });
  }
  return compiled;
}

/** A self-contained page (inline CSS, no scripts, no external assets) that a student can keep or print. */
export function renderHtml(result: GradeResult, options: HtmlOptions = {}): string {
  return template()(view(result, options));
}

type ReportView = ReturnType<typeof view>;

function view(result: GradeResult, options: HtmlOptions) {
  const { lang } = result;
  const ratio = result.maxScore > 0 ? Math.min(1, Math.max(0, result.score / result.maxScore)) : 0;
  return {
    lang,
    t: ui(lang),
    exercise: result.exercise,
    submissionPath: result.submission.path,
    gradedOn: { iso: result.startedAt, text: formatDate(result.startedAt, lang, options.timeZone) },
    duration: formatDuration(result.durationMs, lang),
    score: {
      earned: formatNumber(result.score, lang),
      max: formatNumber(result.maxScore, lang),
      percentText: formatPercent(ratio, lang),
      // A number we computed, never text from the submission, so it may go into a style attribute.
      percent: Math.round(ratio * 1000) / 10,
      complete: result.maxScore > 0 && result.score >= result.maxScore,
    },
    summary: STATUSES.map((status) => {
      const count = result.checks.filter((check) => check.status === status).length;
      return { status, count, name: statusCountName(status, count, lang) };
    }).filter((entry) => entry.count > 0),
    failure: result.failure ?? null,
    checks: result.checks.map((check) => checkView(check, lang)),
    w: analysisWords(lang),
    findingGroups: findingGroups(result),
    images: imageViews(result),
    phases: result.timings.map((timing) => ({ phase: timing.phase, duration: formatDuration(timing.durationMs, lang) })),
    engine: result.engine ?? null,
    runId: result.runId,
    tool: result.tool,
    schemaVersion: result.schemaVersion,
  };
}

/** What a card shows depends on the status: a skipped check gives a reason, a grader error no hint. */
function checkView(check: CheckResult, lang: Lang) {
  const t = ui(lang);
  const failed = check.status === "failed";
  return {
    status: check.status,
    symbol: SYMBOL[check.status],
    statusName: statusName(check.status, lang),
    title: check.title,
    earned: formatNumber(check.earned, lang),
    points: formatNumber(check.points, lang),
    message: check.status === "skipped" ? "" : check.message,
    reason: check.status === "skipped" ? check.message : "",
    isError: check.status === "error",
    // A list, so an empty expected value ("no output") still shows.
    evidence: [
      { name: t.expected, value: check.expected },
      { name: t.actual, value: check.actual },
    ].filter((entry) => entry.value !== undefined),
    hint: failed ? check.hint : "",
    course: check.status === "passed" ? "" : check.course,
    // Logs keep their text; colour codes and carriage-return progress bars would only be noise here.
    details: check.details === undefined ? null : plainText(check.details),
    // A skipped check never ran: its duration would only read "0 ms".
    duration: check.status === "skipped" ? "" : formatDuration(check.durationMs, lang),
  };
}
