import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { UsageError } from "../kernel/errors.ts";

const run = promisify(execFile);

/**
 * As for a student's repository in a batch (harness/batch/git-source.ts): no hook and no fsmonitor
 * command runs, no external diff driver, and git never prompts on a terminal.
 */
const SAFE_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1" };

/** The top folder of the git repository that holds `dir`. */
export async function repositoryRoot(dir: string): Promise<string> {
  const stdout = await git(dir, ["rev-parse", "--show-toplevel"], `${dir} is not inside a git repository.`);
  return stdout.trim();
}

/**
 * The paths (relative to the repository root, with `/`) the current branch changed since it left
 * `base`: `git diff --name-only base...HEAD`, which compares HEAD with the merge base, so what was
 * merged into the base meanwhile is not counted as the student's. Renames count as both paths.
 */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  if (base.startsWith("-") || base.trim() === "") throw new UsageError(`The base "${base}" is not a git ref.`, "Pass a branch, e.g. --base origin/main.");
  const stdout = await git(
    root,
    ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", `${base}...HEAD`, "--"],
    `git found no merge base between ${base} and HEAD.`,
  );
  return stdout.split("\0").filter((path) => path !== "");
}

async function git(dir: string, args: readonly string[], problem: string): Promise<string> {
  try {
    const { stdout } = await run("git", [...SAFE_CONFIG, "-C", dir, ...args], { env: GIT_ENV, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new UsageError(
      `${problem}\n${stderr}`,
      "In CI, check out the whole history (GitHub: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0) and name the base as the runner knows it, e.g. --base origin/main.",
    );
  }
}
