import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface CommandResult {
  readonly exitCode: number | null;
  /** The last lines of stdout and stderr together, to explain a failure. */
  readonly tail: string;
}

export interface CommandOptions {
  readonly signal?: AbortSignal;
  /** Every line of stdout and stderr, as it comes. */
  readonly onLine?: (line: string) => void;
  /** How the process is stopped on abort; SIGTERM unless the program ignores it. */
  readonly killSignal?: NodeJS.Signals;
}

const TAIL_LINES = 40;

/**
 * Runs a program to its end and resolves with its exit code; only a failure to start it or an abort
 * rejects. On abort it resolves nothing until the process has really exited, so the caller can then
 * remove the files it was using.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const { signal, onLine, killSignal = "SIGTERM" } = options;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], signal, killSignal });
    const tail: string[] = [];
    const collect = (line: string): void => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine?.(line);
    };
    createInterface({ input: child.stdout }).on("line", collect);
    createInterface({ input: child.stderr }).on("line", collect);
    child.on("error", (error) => {
      // An abort also arrives here; wait for `close` then, so the process is gone when we reject.
      if (!signal?.aborted) reject(error);
    });
    child.on("close", (exitCode) => {
      if (signal?.aborted) reject(signal.reason);
      else resolve({ exitCode, tail: tail.join("\n") });
    });
  });
}
