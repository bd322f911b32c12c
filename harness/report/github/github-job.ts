import { appendFile } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";
import type { GradeResult } from "../../kernel/result.ts";
import type { RepositorySubmission } from "../findings.ts";
import { machineNumber } from "../machine-number.ts";
import { renderAnnotations } from "./annotations.ts";
import { classroomPointsNotice } from "./classroom-points.ts";
import { guardLog, newStopToken } from "./stop-commands.ts";

/**
 * The channels of a GitHub Actions job (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
 * the job summary ($GITHUB_STEP_SUMMARY), step outputs ($GITHUB_OUTPUT) and workflow commands in the
 * log. `githubJob` is undefined anywhere else, so callers write `job?.…`.
 */
export class GithubJob {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Appends Markdown to the job's page. */
  async appendSummary(markdown: string): Promise<void> {
    const summary = this.env["GITHUB_STEP_SUMMARY"];
    if (summary) await appendFile(summary, markdown);
  }

  /** `score`, `max` and `passed` as step outputs: numbers and a boolean only, nothing the submission wrote. */
  async setScoreOutputs(results: readonly GradeResult[], passed: boolean): Promise<void> {
    const output = this.env["GITHUB_OUTPUT"];
    if (!output) return;
    const score = results.reduce((total, result) => total + result.score, 0);
    const max = results.reduce((total, result) => total + result.maxScore, 0);
    await appendFile(output, `score=${machineNumber(score)}\nmax=${machineNumber(max)}\npassed=${String(passed)}\n`);
  }

  /** Output that quotes the submission (messages, build logs), made inert: no line of it acts as a workflow command. */
  guarded(output: string): string {
    return guardLog(output, newStopToken());
  }

  /**
   * One graded submission: its summary on the job's page, the `Points X/Y` notice GitHub Classroom's
   * reporter reads, and an annotation per lost point when the submission is inside the checkout. On
   * `log` (stderr for grade: with --json, stdout holds the JSON result alone).
   */
  async reportResult(submission: { readonly result: GradeResult; readonly root?: string }, summary: string, log: NodeJS.WritableStream): Promise<void> {
    await this.appendSummary(summary);
    log.write(`${classroomPointsNotice(submission.result)}\n`);
    if (submission.root !== undefined) log.write(renderAnnotations([{ result: submission.result, root: submission.root }]));
  }

  /** A pull request's exercises: their terminal log guarded, annotations, the summary, and the score outputs. */
  async reportPullRequest(
    submissions: readonly RepositorySubmission[],
    terminalLog: string,
    summary: string,
    passed: boolean,
    log: NodeJS.WritableStream,
  ): Promise<void> {
    if (terminalLog !== "") log.write(this.guarded(terminalLog));
    log.write(renderAnnotations(submissions));
    await this.appendSummary(summary);
    await this.setScoreOutputs(
      submissions.map(({ result }) => result),
      passed,
    );
  }
}

export function githubJob(env: NodeJS.ProcessEnv = process.env): GithubJob | undefined {
  return env["GITHUB_ACTIONS"] === "true" ? new GithubJob(env) : undefined;
}

/**
 * A submission's folder relative to the checkout ($GITHUB_WORKSPACE, else the working folder), with `/`,
 * as GitHub places annotations and code-scanning alerts; undefined outside the checkout.
 */
export function checkoutRoot(submissionPath: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const root = relative(env["GITHUB_WORKSPACE"] ?? cwd, submissionPath);
  return root.startsWith("..") || isAbsolute(root) ? undefined : root.split(sep).join("/");
}
