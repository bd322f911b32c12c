import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Lang } from "../kernel/text.ts";
import type { RepositorySubmission } from "../report/findings.ts";
import { githubJob } from "../report/github/github-job.ts";
import { reportFiles, summaryOf, type Report } from "../report/registry.ts";
import { renderTerminal } from "../report/terminal.ts";
import { reportFolderName } from "./touched-exercises.ts";

/** What a pull request's grading came to: each touched exercise's result, and whether all reached the bar. */
export interface PullRequestOutcome {
  readonly submissions: readonly RepositorySubmission[];
  readonly thresholdPercent: number;
  readonly passed: boolean;
  readonly lang: Lang;
  /** The grader's version, for the SARIF tool driver when no exercise was graded. */
  readonly toolVersion: string;
}

/**
 * Every file CI uploads, written even when no exercise was touched (an empty SARIF run, an empty Code
 * Quality list, a JUnit file with no suite), so upload steps never fail on a missing file.
 */
export async function writePullRequestReports(outDir: string, outcome: PullRequestOutcome): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const files = reportFiles("pr", reportOf(outcome), outcome.lang);
  for (const folder of new Set(files.map((file) => dirname(file.path)))) await mkdir(join(outDir, folder), { recursive: true });
  await Promise.all(files.map((file) => writeFile(join(outDir, file.path), file.content)));
}

/**
 * The log and the CI's own channels. Each exercise's terminal summary goes to stdout; on GitHub Actions
 * it is guarded by `::stop-commands::` (it carries the submission's words), the annotations follow
 * unguarded, the summary is appended to $GITHUB_STEP_SUMMARY and `score`, `max`, `passed` to
 * $GITHUB_OUTPUT (numbers and a boolean only: nothing the submission wrote).
 */
export async function reportPullRequest(outcome: PullRequestOutcome, env: NodeJS.ProcessEnv, color: boolean): Promise<void> {
  const job = githubJob(env);
  const log = outcome.submissions.map(({ result }) => renderTerminal(result, { color: color && job === undefined })).join("\n");
  const summary = summaryOf("pr", reportOf(outcome), outcome.lang);
  if (job === undefined) process.stdout.write(log === "" ? summary : log);
  else await job.reportPullRequest(outcome.submissions, log, summary, outcome.passed, process.stdout);
}

/** Each exercise under its own folder, named by its id in the JUnit report. */
function reportOf(outcome: PullRequestOutcome): Report {
  return {
    entries: outcome.submissions.map((submission) => ({
      ...submission,
      student: submission.result.exercise.id,
      folder: reportFolderName(submission.result.exercise.id),
    })),
    toolVersion: outcome.toolVersion,
    pullRequest: { thresholdPercent: outcome.thresholdPercent, passed: outcome.passed },
  };
}
