import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface CommandResult {
  readonly exitCode: number | null;
  /** The last lines of stdout and stderr together, to explain a failure. */
  readonly tail: string;
  /** Killed because it printed nothing for `idleTimeoutMs`. */
  readonly stalled: boolean;
}

export interface CommandOptions {
  readonly signal?: AbortSignal;
  /** Every line of stdout and stderr, as it comes. */
  readonly onLine?: (line: string) => void;
  /** How the process is stopped on abort; SIGTERM unless the program ignores it. */
  readonly killSignal?: NodeJS.Signals;
  /** Kill the program when it prints nothing for this long: a stalled download would otherwise hang for ever. */
  readonly idleTimeoutMs?: number;
}

const TAIL_LINES = 40;

/**
 * Runs a program to its end and resolves with its exit code; only a failure to start it or an abort
 * rejects. On abort it rejects only once the process has exited, so the caller can then remove the
 * files it was using.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const { signal, onLine, killSignal = "SIGTERM", idleTimeoutMs } = options;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], signal, killSignal });
    const tail: string[] = [];
    let stalled = false;
    const watchdog =
      idleTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            stalled = true;
            child.kill(killSignal);
          }, idleTimeoutMs);
    const collect = (line: string): void => {
      watchdog?.refresh();
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine?.(line);
    };
    createInterface({ input: child.stdout }).on("line", collect);
    createInterface({ input: child.stderr }).on("line", collect);
    child.on("error", (error) => {
      // An abort also arrives here; wait for `close` then, so the process is gone when we reject.
      if (signal?.aborted) return;
      clearTimeout(watchdog);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(watchdog);
      if (signal?.aborted) reject(signal.reason);
      else resolve({ exitCode, tail: tail.join("\n"), stalled });
    });
  });
}
