import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { connect } from "../engine/connect.ts";
import { UsageError } from "../kernel/errors.ts";
import { inferExerciseId, loadExercise } from "../exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../grading/grader-catalog.ts";
import { sweepDeadRuns } from "../engine/sweep.ts";
import { DEFAULT_BUDGET_SECONDS, gradeSubmission } from "../grading/grade-submission.ts";
import { isRunAlive } from "../grading/run-lease.ts";
import { describeSweep } from "./clean-command.ts";
import { allPassed, type GradeResult } from "../kernel/result.ts";
import { classroomPointsNotice } from "../report/github/classroom-points.ts";
import { renderGradebook } from "../report/gradebook.ts";
import { guardLog, newStopToken } from "../report/github/stop-commands.ts";
import { renderAnnotations } from "../report/github/annotations.ts";
import { renderGradescope } from "../report/gradescope.ts";
import { renderJunit } from "../report/junit.ts";
import { renderLintSarif } from "../report/sarif.ts";
import { renderResultSummary } from "../report/markdown-summary.ts";
import { renderHtml } from "../report/html.ts";
import { renderJson } from "../report/json.ts";
import { renderTerminal } from "../report/terminal.ts";
import { chooseLang, useColor } from "./cli-language.ts";
import { parseCommandArgs, positiveInteger } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";

export const GRADE_USAGE = `Usage: npm run grade -- [--exercise ID] [--out DIR] [--lang fr|en] [--json] [--keep] [--budget SECONDS] [PATH]

Grades the submission in PATH (default: the folder you ran npm from) on the local Docker engine.
  --exercise ID  the exercise, e.g. 05-build/01-multi-stage (default: inferred from PATH)
  --out DIR      also write DIR/result.json, report.html, junit.xml, gradebook.csv, summary.md, gradescope.json (and lint.sarif)
  --lang fr|en   language of the report (default: from LANG)
  --json         print the JSON result on stdout instead of the summary
  --keep         keep the images built for grading (tagged dockgrade-kept/...; npm run clean -- --kept removes them)
  --budget S     wall-clock seconds the checks may take in all (default ${DEFAULT_BUDGET_SECONDS})
Exit codes: 0 all checks passed, 1 some failed, 2 usage error or ungradable submission, 3 no Docker engine.`;

export async function gradeCommand(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCliArgs(argv);
  if (values.help) {
    process.stdout.write(`${GRADE_USAGE}\n`);
    return EXIT.allPassed;
  }
  if (positionals.length > 1) throw new UsageError(`Expected one PATH, got ${positionals.length}.`, GRADE_USAGE);
  const lang = chooseLang(values.lang);
  const submissionPath = resolve(process.env["INIT_CWD"] ?? process.cwd(), positionals[0] ?? ".");
  const exerciseId = values.exercise ?? (await inferExerciseId(submissionPath));
  if (!exerciseId) {
    throw new UsageError(
      `Cannot tell which exercise ${submissionPath} is.`,
      "Run the grader inside an exercise's starter/ or solution/ folder (or a copy of one), or name it with --exercise ID.",
    );
  }
  const exercise = await loadExercise(exerciseId);
  const suite = await loadGraderSuite(exerciseId);
  const budgetSeconds = parseBudget(values.budget);
  const engine = await connect();
  // Runs of this machine that died (killed, crashed) left objects behind: remove them first.
  const swept = await sweepDeadRuns(engine, isRunAlive);
  if (swept.runs.length > 0) process.stderr.write(`dockgrade: ${describeSweep(swept)}\n`);
  const result = await gradeSubmission({
    engine,
    exercise,
    suite,
    submissionPath,
    lang,
    signal,
    budgetSeconds,
    keepImages: values.keep,
    onProgress: (message) => process.stderr.write(`dockgrade: ${message}\n`),
  });

  let reportPath: string | undefined;
  if (values.out) {
    const outDir = resolve(process.env["INIT_CWD"] ?? process.cwd(), values.out);
    // A Dockerfile the grader builds was linted (a Compose service's shows in its findings); a refused or ungradable submission was not.
    const linted = !result.failure && (exercise.build !== undefined || (result.findings ?? []).some((finding) => finding.kind === "lint"));
    reportPath = await writeReports(outDir, result, basename(submissionPath), linted);
  }
  await reportToCi(result);
  if (values.json) process.stdout.write(renderJson(result));
  else {
    const summary = renderTerminal(result, { color: useColor(process.stdout), ...(reportPath ? { reportPath } : {}) });
    // The summary quotes the submission (messages, build output): on GitHub Actions no line of it may act as a workflow command.
    process.stdout.write(process.env["GITHUB_ACTIONS"] === "true" ? guardLog(summary, newStopToken()) : summary);
  }
  if (signal.aborted) return EXIT.interrupted;
  if (result.failure) return EXIT.usageOrUngradable;
  return allPassed(result) ? EXIT.allPassed : EXIT.someFailed;
}

/** Every format of one result, for the student, the instructor's tools and CI; returns the HTML report's path. */
async function writeReports(outDir: string, result: GradeResult, student: string, linted: boolean): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const entries = [{ student, result }];
  const files: [string, string][] = [
    ["result.json", renderJson(result)],
    ["report.html", renderHtml(result)],
    ["junit.xml", renderJunit(entries)],
    ["gradebook.csv", renderGradebook(entries)],
    ["summary.md", renderResultSummary(result)],
    ["gradescope.json", renderGradescope(result)],
    ...(linted ? [["lint.sarif", renderLintSarif(result, repositoryRoot(result))] as [string, string]] : []),
  ];
  await Promise.all(files.map(([name, content]) => writeFile(join(outDir, name), content)));
  return join(outDir, "report.html");
}

/**
 * On GitHub Actions: the summary on the job's page ($GITHUB_STEP_SUMMARY), the `Points X/Y` notice
 * GitHub Classroom's reporter reads, and an annotation per lost point on the submission's files when
 * the submission is inside the checkout (GitHub places annotations by path from its root). Elsewhere nothing.
 */
async function reportToCi(result: GradeResult): Promise<void> {
  if (process.env["GITHUB_ACTIONS"] !== "true") return;
  const summary = process.env["GITHUB_STEP_SUMMARY"];
  if (summary) await appendFile(summary, renderResultSummary(result));
  process.stderr.write(`${classroomPointsNotice(result)}\n`);
  const root = repositoryRoot(result);
  // On stderr, like the notice: with --json, stdout holds the JSON result alone.
  if (root !== undefined) process.stderr.write(renderAnnotations([{ result, root }]));
}

/** The submission's folder relative to the checkout (GitHub places annotations and alerts by path from its root); undefined outside it. */
function repositoryRoot(result: GradeResult): string | undefined {
  const root = relative(process.env["GITHUB_WORKSPACE"] ?? process.cwd(), result.submission.path);
  return root.startsWith("..") || isAbsolute(root) ? undefined : root.split(sep).join("/");
}

function parseBudget(value: string | undefined): number {
  return value === undefined ? DEFAULT_BUDGET_SECONDS : positiveInteger(value, "--budget", GRADE_USAGE);
}

function parseCliArgs(argv: readonly string[]) {
  return parseCommandArgs(
    argv,
    {
      exercise: { type: "string" },
      out: { type: "string" },
      lang: { type: "string" },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      budget: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    GRADE_USAGE,
  );
}
