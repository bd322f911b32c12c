import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { text, type Text } from "../kernel/text.ts";

const run = promisify(execFile);

/** Which commit to grade: a branch, tag or commit id, or the last commit before the deadline. */
export interface GitSelection {
  readonly ref?: string;
  readonly before?: Date;
}

export interface GitCheckout {
  readonly dir: string;
  readonly commit: string;
  /** The committer date: what `--before` compares, and what a late flag compares to the deadline. */
  readonly committedAt: Date;
}

/** The repository could not be read, or holds no commit that fits the selection. */
export class GitSourceError extends Error {
  constructor(
    readonly repository: string,
    readonly text: Text,
  ) {
    super(text.en);
    this.name = "GitSourceError";
  }
}

/**
 * Settings for every git command run on a student's repository. Hooks never run; symbolic links are
 * checked out as small text files holding their target, so none can point out of the submission; the
 * `ext::` transport (which runs a command) is off; git never asks for a password on a terminal.
 */
const SAFE_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.symlinks=false", "-c", "protocol.ext.allow=never", "-c", "core.fsmonitor=false"];
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1" };
const TIMEOUT_MS = 120_000;

/**
 * Checks a repository (a path or a URL) out into `destDir` at the selected commit, with
 * `clone --no-checkout` then `checkout`, and removes `.git`: the grader sees the files of that
 * commit and nothing of the history. `--no-local` copies objects through git's own protocol rather
 * than hard-linking files of a local repository the student prepared.
 */
export async function checkoutGitSource(repository: string, destDir: string, selection: GitSelection = {}): Promise<GitCheckout> {
  if (selection.ref?.startsWith("-"))
    throw new GitSourceError(repository, text(`La référence « ${selection.ref} » n'est pas valide.`, `The ref "${selection.ref}" is not valid.`));
  await git(repository, ["clone", "--quiet", "--no-checkout", "--no-local", "--", repository, destDir]);
  try {
    const commit = await selectCommit(repository, destDir, selection);
    await git(repository, ["-C", destDir, "checkout", "--quiet", "--detach", commit]);
    const date = (await git(repository, ["-C", destDir, "show", "-s", "--format=%cI", commit])).trim();
    await rm(join(destDir, ".git"), { recursive: true, force: true });
    return { dir: destDir, commit, committedAt: new Date(date) };
  } catch (error) {
    await rm(destDir, { recursive: true, force: true });
    throw error;
  }
}

async function selectCommit(repository: string, dir: string, { ref, before }: GitSelection): Promise<string> {
  const tip = ref === undefined ? "HEAD" : `${ref}^{commit}`;
  if (before === undefined) {
    const commit = (await git(repository, ["-C", dir, "rev-parse", "--verify", "--quiet", tip]).catch(() => "")).trim();
    if (commit !== "") return commit;
    throw new GitSourceError(repository, text(`Aucun commit « ${ref ?? "HEAD"} » dans ${repository}.`, `No commit "${ref ?? "HEAD"}" in ${repository}.`));
  }
  const commit = (await git(repository, ["-C", dir, "rev-list", "-1", `--before=${before.toISOString()}`, tip, "--"]).catch(() => "")).trim();
  if (commit !== "") return commit;
  const deadline = before.toISOString();
  throw new GitSourceError(
    repository,
    text(
      `Aucun commit de ${repository} n'est antérieur au ${deadline} : rien n'avait été rendu à l'échéance.`,
      `No commit of ${repository} is older than ${deadline}: nothing was handed in by the deadline.`,
    ),
  );
}

async function git(repository: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", [...SAFE_CONFIG, ...args], { env: GIT_ENV, timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new GitSourceError(repository, text(`git n'a pas pu lire ${repository} : ${stderr}`, `git could not read ${repository}: ${stderr}`));
  }
}
