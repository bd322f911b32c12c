import { execFile } from "node:child_process";
import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { $ } from "zx";
import { PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";

const run = promisify(execFile);

/** What a student's repository holds: a copy of the course, grader included. */
const COURSE = ["package.json", "tsconfig.json", ".gitignore", "harness", "graders", "exercises", "reports/templates", "ci"];
const GIT = [
  "-c",
  "user.name=Étudiante",
  "-c",
  "user.email=etudiante@example.invalid",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "init.defaultBranch=main",
];

export async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", [...GIT, "-C", dir, ...args], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } });
  return stdout;
}

/**
 * The course as GitHub or GitLab checks it out for a pull request: `origin` (a local repository with
 * the course on `main`) cloned into `checkout`, whose `origin/main` is the base. The packages are the
 * project's own, linked in (they are not committed, as in a real repository).
 */
export async function courseRepository(scratch: string): Promise<string> {
  const origin = join(scratch, "origin");
  const checkout = join(scratch, "checkout");
  await mkdir(origin, { recursive: true });
  for (const path of COURSE) await cp(join(PROJECT_ROOT, path), join(origin, path), { recursive: true });
  await git(origin, "init", "--quiet");
  await git(origin, "add", "--all");
  await git(origin, "commit", "--quiet", "-m", "Le cours");
  await git(scratch, "clone", "--quiet", "--", origin, checkout);
  await symlink(join(PROJECT_ROOT, "node_modules"), join(checkout, "node_modules"));
  // `node_modules/` in .gitignore matches folders only, and this one is a link.
  await writeFile(join(checkout, ".git/info/exclude"), "node_modules\n");
  return checkout;
}

/** A branch off main with `change` applied to the checkout, committed as the student would. */
export async function studentBranch(checkout: string, name: string, change: (dir: string) => Promise<void>): Promise<void> {
  await git(checkout, "checkout", "--quiet", "-B", name, "origin/main");
  await change(checkout);
  await git(checkout, "add", "--all");
  await git(checkout, "commit", "--quiet", "-m", `Travail : ${name}`);
}

/** Inserts `line` after the first line holding `after`; returns the new line's 1-based number. */
export async function insertLine(file: string, after: string, line: string): Promise<number> {
  const lines = (await readFile(file, "utf8")).split("\n");
  const index = lines.findIndex((existing) => existing.includes(after));
  if (index < 0) throw new Error(`${file} has no line with "${after}"`);
  lines.splice(index + 1, 0, line);
  await writeFile(file, lines.join("\n"));
  return index + 2;
}

export interface ScriptRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CI script as the runner runs it: bash, in the checkout, with the runner's variables. */
export async function runScript(script: string, cwd: string, env: Record<string, string>): Promise<ScriptRun> {
  const result = await $({ nothrow: true, quiet: true, cwd, env: { ...process.env, NO_COLOR: "1", ...env } })`bash -e -c ${script}`;
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The workflow commands the runner would act on: lines that start with `::` once trimmed, outside
 * every `::stop-commands::<token>` … `::<token>::` block.
 */
export function activeCommands(stdout: string): string[] {
  const active: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split("\n").map((raw) => raw.trim())) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopToken = stop[1];
    else if (line.startsWith("::")) active.push(line);
  }
  return active;
}
