import { join } from "node:path";
import type { GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { renderClassDashboard } from "./class-dashboard.ts";
import type { ClassEntry } from "./class-entry.ts";
import { renderClassSummary } from "./class-summary.ts";
import type { RepositorySubmission } from "./findings.ts";
import { renderGitlabCodeQuality } from "./gitlab/code-quality.ts";
import { renderCanvasGradebook, renderGradebook, renderMoodleGradebook } from "./gradebook.ts";
import { renderGradescope } from "./gradescope.ts";
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
import { renderJunit } from "./junit.ts";
import { renderResultSummary } from "./markdown-summary.ts";
import { renderPullRequestSummary } from "./pull-request-summary.ts";
import { resultIn } from "./result-in-language.ts";
import { renderLintSarif, renderSarif } from "./sarif.ts";

/** The commands that write report files. */
export type Command = "grade" | "pr" | "batch" | "render";

/** One graded submission as the formats see it: the class entry (student, result, roster fields) and where its files go. */
export interface ReportEntry extends ClassEntry {
  /** Its own files' folder, relative to the output folder: `""` for grade and render, the student's or the exercise's folder. */
  readonly folder: string;
  /** Its folder relative to the repository checkout, with `/` (code scanning and annotations place findings by it); absent outside one. */
  readonly root?: string;
  /** The file a finding without a place of its own is shown on, relative to `root`. */
  readonly mainFile?: string;
  /** Its Dockerfiles were linted, so `lint.sarif` is written (empty when the lint found nothing). */
  readonly linted?: boolean;
}

/** Everything one command graded. */
export interface Report {
  readonly entries: readonly ReportEntry[];
  /** The grader's version, for the SARIF tool driver when nothing was graded. */
  readonly toolVersion: string;
  /** For a pull request: the pass mark and whether every touched exercise reached it. */
  readonly pullRequest?: { readonly thresholdPercent: number; readonly passed: boolean };
}

interface FormatBase {
  readonly name: string;
  readonly file: string;
  readonly commands: readonly Command[];
}

/** One file per graded submission, in its folder; `undefined` when it does not apply to that submission. */
export interface SubmissionFormat extends FormatBase {
  readonly each: "submission";
  render(entry: ReportEntry, lang: Lang): string | undefined;
}

/** One file for everything the command graded. */
export interface RunFormat extends FormatBase {
  readonly each: "run";
  render(report: Report, lang: Lang): string;
}

export type Format = SubmissionFormat | RunFormat;

/**
 * Every report format, once: its name, its file, which commands write it, and its renderer, a pure
 * function of the results (already in `lang`: see `reportFiles`) and the language. Adding a format is
 * its renderer's file and one line here.
 */
export const FORMATS: readonly Format[] = [
  { name: "json", file: "result.json", each: "submission", commands: ["grade", "pr", "batch", "render"], render: ({ result }) => renderJson(result) },
  { name: "html", file: "report.html", each: "submission", commands: ["grade", "pr", "batch", "render"], render: ({ result }) => renderHtml(result) },
  { name: "summary", file: "summary.md", each: "submission", commands: ["grade", "render"], render: ({ result }) => renderResultSummary(result) },
  { name: "gradescope", file: "gradescope.json", each: "submission", commands: ["grade", "render"], render: ({ result }) => renderGradescope(result) },
  {
    name: "lint-sarif",
    file: "lint.sarif",
    each: "submission",
    commands: ["grade", "render"],
    render: (entry) => (entry.linted ? renderLintSarif(entry.result, entry.root) : undefined),
  },
  { name: "junit", file: "junit.xml", each: "run", commands: ["grade", "pr", "batch", "render"], render: ({ entries }) => renderJunit(entries) },
  { name: "gradebook", file: "gradebook.csv", each: "run", commands: ["grade", "batch", "render"], render: ({ entries }) => renderGradebook(entries) },
  { name: "gradebook-moodle", file: "gradebook-moodle.csv", each: "run", commands: ["batch"], render: ({ entries }) => renderMoodleGradebook(entries) },
  { name: "gradebook-canvas", file: "gradebook-canvas.csv", each: "run", commands: ["batch"], render: ({ entries }) => renderCanvasGradebook(entries) },
  {
    name: "dashboard",
    file: "index.html",
    each: "run",
    commands: ["batch"],
    render: ({ entries }, lang) => renderClassDashboard(entries, { lang, reportHref: reportHrefOf(entries) }),
  },
  { name: "class-summary", file: "summary.md", each: "run", commands: ["batch"], render: ({ entries }, lang) => renderClassSummary(entries, lang) },
  { name: "pull-request-summary", file: "summary.md", each: "run", commands: ["pr"], render: pullRequestSummary },
  { name: "sarif", file: "results.sarif", each: "run", commands: ["pr"], render: (report) => renderSarif(repositorySubmissions(report), report.toolVersion) },
  {
    name: "code-quality",
    file: "gl-code-quality.json",
    each: "run",
    commands: ["pr"],
    render: (report) => renderGitlabCodeQuality(repositorySubmissions(report)),
  },
];

export function formatsOf(command: Command): Format[] {
  return FORMATS.filter((format) => format.commands.includes(command));
}

/** A file to write: its path relative to the output folder, and its content. */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/** A submission's own files for a command (names relative to its folder), in `lang`. */
export function submissionFiles(command: Command, entry: ReportEntry, lang: Lang): ReportFile[] {
  const shown = entryIn(entry, lang);
  return formatsOf(command).flatMap((format) => {
    const content = format.each === "submission" ? format.render(shown, lang) : undefined;
    return content === undefined ? [] : [{ path: format.file, content }];
  });
}

/** The files a command writes for everything it graded (not the submissions' own), in `lang`. */
export function runFiles(command: Command, report: Report, lang: Lang): ReportFile[] {
  const shown = { ...report, entries: report.entries.map((entry) => entryIn(entry, lang)) };
  return formatsOf(command).flatMap((format) => (format.each === "run" ? [{ path: format.file, content: format.render(shown, lang) }] : []));
}

/** Every file a command writes, each submission's under its folder. */
export function reportFiles(command: Command, report: Report, lang: Lang): ReportFile[] {
  const own = report.entries.flatMap((entry) => submissionFiles(command, entry, lang).map((file) => ({ ...file, path: join(entry.folder, file.path) })));
  return [...own, ...runFiles(command, report, lang)];
}

/** The command's `summary.md`, which CI also shows on the job's page. */
export function summaryOf(command: Command, report: Report, lang: Lang): string {
  const files = [...runFiles(command, report, lang), ...report.entries.flatMap((entry) => submissionFiles(command, entry, lang))];
  return files.find((file) => file.path === "summary.md")?.content ?? "";
}

/**
 * Whether a graded submission's Dockerfiles were linted: a Dockerfile the grader builds was (a Compose
 * service's shows in its findings); a refused or ungradable submission was not.
 */
export function wasLinted(result: GradeResult, buildsDockerfile: boolean): boolean {
  return result.failure === undefined && (buildsDockerfile || (result.findings ?? []).some((finding) => finding.kind === "lint"));
}

function entryIn(entry: ReportEntry, lang: Lang): ReportEntry {
  return { ...entry, result: resultIn(entry.result, lang) };
}

/** Each student's report beside the dashboard, in the student's folder. */
function reportHrefOf(entries: readonly ReportEntry[]): (entry: ClassEntry) => string {
  const folderOf = new Map<ClassEntry, string>(entries.map((entry) => [entry, entry.folder]));
  return (entry) => `${encodeURIComponent(folderOf.get(entry) ?? "")}/report.html`;
}

function repositorySubmissions({ entries }: Report): RepositorySubmission[] {
  return entries.map(({ result, root, mainFile }) => ({ result, root: root ?? "", ...(mainFile === undefined ? {} : { mainFile }) }));
}

function pullRequestSummary(report: Report, lang: Lang): string {
  if (report.pullRequest === undefined) throw new Error("The pull request summary needs the pull request's pass mark.");
  const { thresholdPercent, passed } = report.pullRequest;
  return renderPullRequestSummary(
    report.entries.map(({ result }) => result),
    thresholdPercent,
    passed,
    lang,
  );
}
