import { basename, resolve } from "node:path";
import { connect } from "../engine/connect.ts";
import { UsageError } from "../kernel/errors.ts";
import { inferExerciseId, loadExercise } from "../exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../grading/grader-catalog.ts";
import { sweepDeadRuns } from "../engine/sweep.ts";
import { DEFAULT_BUDGET_SECONDS, gradeSubmission } from "../grading/grade-submission.ts";
import { isRunAlive } from "../grading/run-lease.ts";
import { describeSweep } from "./clean-command.ts";
import { allPassed } from "../kernel/result.ts";
import { githubJob } from "../report/github/github-job.ts";
import { renderJson } from "../report/json.ts";
import { summaryOf, type Report } from "../report/registry.ts";
import { renderTerminal } from "../report/terminal.ts";
import { TOOL_VERSION } from "../grading/tool-version.ts";
import { chooseLang, useColor } from "./cli-language.ts";
import { submissionEntry, writeReports } from "./write-reports.ts";
import { parseCommandArgs, positiveInteger } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";

export const GRADE_USAGE = `Usage: npm run grade -- [--exercise ID] [--out DIR] [--lang fr|en] [--json] [--keep] [--budget SECONDS] [PATH]

Grades the submission in PATH (default: the folder you ran npm from) on the local Docker engine.
  --exercise ID  the exercise, e.g. 05-build/01-multi-stage (default: inferred from PATH)
  --out DIR      also write DIR/result.json, report.html, junit.xml, gradebook.csv, summary.md, gradescope.json (and lint.sarif);
                 npm run render -- --lang en DIR/result.json --out DIR2 renders them again in another language
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

  const entry = submissionEntry(result, basename(submissionPath), exercise.build !== undefined);
  const report: Report = { entries: [entry], toolVersion: TOOL_VERSION };
  let reportPath: string | undefined;
  if (values.out) reportPath = await writeReports("grade", resolve(process.env["INIT_CWD"] ?? process.cwd(), values.out), report, lang);
  const job = githubJob();
  await job?.reportResult(entry, summaryOf("grade", report, lang), process.stderr);
  if (values.json) process.stdout.write(renderJson(result));
  else {
    const summary = renderTerminal(result, { color: useColor(process.stdout), ...(reportPath ? { reportPath } : {}) });
    // The summary quotes the submission (messages, build output): on GitHub Actions no line of it may act as a workflow command.
    process.stdout.write(job ? job.guarded(summary) : summary);
  }
  if (signal.aborted) return EXIT.interrupted;
  if (result.failure) return EXIT.usageOrUngradable;
  return allPassed(result) ? EXIT.allPassed : EXIT.someFailed;
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
