import { join, posix, resolve } from "node:path";
import { changedFiles, repositoryRoot } from "../ci/changed-files.ts";
import { reportPullRequest, writePullRequestReports, type PullRequestOutcome } from "../ci/pull-request-outputs.ts";
import { DEFAULT_THRESHOLD_PERCENT, meetsThreshold } from "../ci/threshold.ts";
import { touchedExercises, type TouchedExercise } from "../ci/touched-exercises.ts";
import { connect } from "../engine/connect.ts";
import type { Engine } from "../engine/engine.ts";
import { sweepDeadRuns } from "../engine/sweep.ts";
import { UsageError } from "../kernel/errors.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { listExerciseIds, loadExercise } from "../exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../grading/grader-catalog.ts";
import { gradeSubmission } from "../grading/grade-submission.ts";
import { TOOL_VERSION } from "../grading/tool-version.ts";
import { isRunAlive } from "../grading/run-lease.ts";
import type { Lang } from "../kernel/text.ts";
import type { RepositorySubmission } from "../report/findings.ts";
import { chooseLang, useColor } from "./cli-language.ts";
import { describeSweep } from "./clean-command.ts";
import { parseCommandArgs } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";

export const PR_USAGE = `Usage: npm run grade:pr -- --base REF [--out DIR] [--threshold PERCENT] [--lang fr|en]

Grades every exercise whose starter/ the current branch changed since it left REF (git diff REF...HEAD),
run inside the repository (a copy of the course). For CI: see ci/github/ and ci/gitlab/.
  --base REF           the branch the pull request goes into, e.g. origin/main
  --out DIR            write DIR/<exercise>/{result.json,report.html}, DIR/junit.xml, results.sarif,
                       gl-code-quality.json and summary.md
  --threshold PERCENT  the share of the points each touched exercise must earn (default ${DEFAULT_THRESHOLD_PERCENT}; 0: never fail on the score)
  --lang fr|en         language of the reports (default: from LANG)
On GitHub Actions it also appends the summary to $GITHUB_STEP_SUMMARY, annotates the changed files and
writes score=, max= and passed= to $GITHUB_OUTPUT.
Exit codes: 0 every touched exercise reaches the threshold (or none was touched), 1 one does not,
2 usage error or a submission that cannot be graded, 3 no Docker engine.`;

export async function prCommand(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCliArgs(argv);
  if (values.help) {
    process.stdout.write(`${PR_USAGE}\n`);
    return EXIT.allPassed;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`, PR_USAGE);
  if (values.base === undefined) throw new UsageError("--base REF is required.", PR_USAGE);
  const lang = chooseLang(values.lang);
  const threshold = parseThreshold(values.threshold);
  const cwd = process.env["INIT_CWD"] ?? process.cwd();
  const outDir = values.out === undefined ? undefined : resolve(cwd, values.out);

  const root = await repositoryRoot(cwd);
  const touched = touchedExercises(await changedFiles(root, values.base), await listExerciseIds());
  process.stderr.write(`dockgrade: ${touched.length} exercise(s) touched since ${values.base}${touched.map((exercise) => `\n  ${exercise.id}`).join("")}\n`);
  const submissions = touched.length === 0 ? [] : await gradeAll(await connect(), touched, root, lang, signal);

  const outcome: PullRequestOutcome = {
    submissions,
    thresholdPercent: threshold,
    passed: submissions.every(({ result }) => meetsThreshold(result, threshold)),
    lang,
    toolVersion: TOOL_VERSION,
  };
  if (outDir !== undefined) await writePullRequestReports(outDir, outcome);
  await reportPullRequest(outcome, process.env, useColor(process.stdout));
  if (signal.aborted) return EXIT.interrupted;
  if (submissions.some(({ result }) => result.failure !== undefined)) return EXIT.usageOrUngradable;
  return outcome.passed ? EXIT.allPassed : EXIT.someFailed;
}

/** One exercise after the other on the one engine, each run cleaned up before the next starts. */
async function gradeAll(engine: Engine, touched: readonly TouchedExercise[], root: string, lang: Lang, signal: AbortSignal): Promise<RepositorySubmission[]> {
  // Runs of this machine that died (killed, crashed) left objects behind: remove them first.
  const swept = await sweepDeadRuns(engine, isRunAlive);
  if (swept.runs.length > 0) process.stderr.write(`dockgrade: ${describeSweep(swept)}\n`);
  const graded: RepositorySubmission[] = [];
  for (const { id, root: submissionRoot } of touched) {
    if (signal.aborted) break;
    const exercise = await loadExercise(id);
    const result = await gradeSubmission({
      engine,
      exercise,
      suite: await loadGraderSuite(id),
      submissionPath: join(root, submissionRoot),
      lang,
      signal,
      onProgress: (message) => process.stderr.write(`dockgrade: ${id}: ${message}\n`),
    });
    const mainFile = mainFileOf(exercise);
    graded.push({ result, root: submissionRoot, ...(mainFile === undefined ? {} : { mainFile }) });
  }
  return graded;
}

/** The file a finding without a line of its own is shown on: the Dockerfile the grader builds, else the first Compose file. */
function mainFileOf(exercise: Exercise): string | undefined {
  if (exercise.build !== undefined) return posix.normalize(posix.join(exercise.build.context, exercise.build.dockerfile));
  return exercise.compose?.files[0];
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_THRESHOLD_PERCENT;
  const percent = Number(value.replace(/%$/, ""));
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UsageError(`--threshold takes a percentage from 0 to 100, not "${value}".`, PR_USAGE);
  }
  return percent;
}

function parseCliArgs(argv: readonly string[]) {
  return parseCommandArgs(
    argv,
    {
      base: { type: "string" },
      out: { type: "string" },
      threshold: { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    PR_USAGE,
  );
}
