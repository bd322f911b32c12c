import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lang } from "../kernel/text.ts";
import { renderAnnotations } from "../report/github/annotations.ts";
import { guardLog, newStopToken } from "../report/github/stop-commands.ts";
import type { RepositorySubmission } from "../report/findings.ts";
import { renderGitlabCodeQuality } from "../report/gitlab/code-quality.ts";
import { renderHtml } from "../report/html.ts";
import { renderJson } from "../report/json.ts";
import { renderJunit } from "../report/junit.ts";
import { machineNumber } from "../report/machine-number.ts";
import { renderPullRequestSummary } from "../report/pull-request-summary.ts";
import { renderSarif } from "../report/sarif.ts";
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
  const { submissions } = outcome;
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ["junit.xml", renderJunit(submissions.map(({ result }) => ({ student: result.exercise.id, result })))],
    ["results.sarif", renderSarif(submissions, outcome.toolVersion)],
    ["gl-code-quality.json", renderGitlabCodeQuality(submissions)],
    ["summary.md", summaryOf(outcome)],
  ];
  for (const { result } of submissions) {
    const folder = reportFolderName(result.exercise.id);
    files.push([join(folder, "result.json"), renderJson(result)], [join(folder, "report.html"), renderHtml(result)]);
    await mkdir(join(outDir, folder), { recursive: true });
  }
  await Promise.all(files.map(([name, content]) => writeFile(join(outDir, name), content)));
}

/**
 * The log and the CI's own channels. Each exercise's terminal summary goes to stdout; on GitHub Actions
 * it is guarded by `::stop-commands::` (it carries the submission's words), the annotations follow
 * unguarded, the summary is appended to $GITHUB_STEP_SUMMARY and `score`, `max`, `passed` to
 * $GITHUB_OUTPUT (numbers and a boolean only: nothing the submission wrote).
 */
export async function reportPullRequest(outcome: PullRequestOutcome, env: NodeJS.ProcessEnv, color: boolean): Promise<void> {
  const onGithub = env["GITHUB_ACTIONS"] === "true";
  const log = outcome.submissions.map(({ result }) => renderTerminal(result, { color: color && !onGithub })).join("\n");
  if (!onGithub) {
    process.stdout.write(log === "" ? summaryOf(outcome) : log);
    return;
  }
  if (log !== "") process.stdout.write(guardLog(log, newStopToken()));
  process.stdout.write(renderAnnotations(outcome.submissions));
  const summary = env["GITHUB_STEP_SUMMARY"];
  if (summary) await appendFile(summary, summaryOf(outcome));
  const output = env["GITHUB_OUTPUT"];
  if (output) {
    const score = outcome.submissions.reduce((total, { result }) => total + result.score, 0);
    const max = outcome.submissions.reduce((total, { result }) => total + result.maxScore, 0);
    await appendFile(output, `score=${machineNumber(score)}\nmax=${machineNumber(max)}\npassed=${String(outcome.passed)}\n`);
  }
}

function summaryOf(outcome: PullRequestOutcome): string {
  return renderPullRequestSummary(
    outcome.submissions.map(({ result }) => result),
    outcome.thresholdPercent,
    outcome.passed,
    outcome.lang,
  );
}
