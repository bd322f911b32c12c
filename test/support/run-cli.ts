import { $ } from "zx";
import { PROJECT_ROOT } from "../../harness/exercise/project-paths.ts";

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a user does (compiled by harness/cli/run.mjs), from `cwd`, with extra environment. */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const result = await $({
    nothrow: true,
    quiet: true,
    cwd: PROJECT_ROOT,
    env: { ...process.env, INIT_CWD: options.cwd ?? PROJECT_ROOT, NO_COLOR: "1", ...options.env },
  })`node harness/cli/run.mjs ${args}`;
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
