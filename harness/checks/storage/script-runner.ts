import type { Engine } from "../../engine/engine.ts";
import { text, verbatim } from "../../kernel/text.ts";
import { runContainedScript } from "../../sandbox/script-container.ts";
import type { ContainedRun } from "../../engine/script/script-client.ts";

/** How a student's script ended; its output is the last part of stdout and stderr interleaved. */
export type ScriptRun = ContainedRun;

export interface ScriptRequest {
  readonly engine: Engine;
  readonly runId: string;
  readonly exerciseId: string;
  /** Path relative to `workDir`, run as `sh <script>`: no exec bit needed, no shebang trusted. */
  readonly script: string;
  /** The script's folder (a copy of the submission) and $BACKUP_DIR: all it sees of the host. */
  readonly workDir: string;
  readonly backupDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Runs a script of the submission in the scripts' sandbox (harness/engine/script/script-client.ts),
 * never on the grader's machine: it sees its folder and $BACKUP_DIR, and reaches the engine through
 * a proxy that refuses what could touch the host (--privileged, binds of other host paths...).
 * Past its time limit, or on cancellation, its container is killed.
 */
export function runScript(request: ScriptRequest): Promise<ScriptRun> {
  return runContainedScript({
    engine: request.engine,
    runId: request.runId,
    exerciseId: request.exerciseId,
    command: ["sh", request.script],
    workDir: request.workDir,
    folders: [
      { path: request.workDir, name: text("le dossier du script", "the script's folder") },
      { path: request.backupDir, name: verbatim("$BACKUP_DIR") },
    ],
    env: request.env,
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  });
}

export interface ScriptContract {
  readonly projectName: string;
  readonly backupDir: string;
}

/**
 * The contract's variables and nothing of the grader's environment (no tokens, no proxies, no
 * DOCKER_CONTEXT). The sandbox adds HOME (an empty tmpfs) and DOCKER_HOST (its proxy); PATH is the
 * sandbox image's.
 */
export function scriptEnvironment(contract: ScriptContract): Record<string, string> {
  return {
    LC_ALL: "C",
    COMPOSE_PROJECT_NAME: contract.projectName,
    BACKUP_DIR: contract.backupDir,
  };
}
