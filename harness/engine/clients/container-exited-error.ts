/**
 * How a container ended, as the engine tells it after the fact: enough for a check to explain the
 * exit to the student (code, OOM, the last log lines) without asking the engine again.
 */
export interface ContainerExit {
  readonly containerId: string;
  /** The engine's `State.Status` (exited, created, dead, paused...), or `removed` when the container is gone. */
  readonly status: string;
  /** undefined when the container is gone altogether (removed): nothing is left to read. */
  readonly exitCode: number | undefined;
  readonly oomKilled: boolean;
  /** The engine's own words when the main process could not even start (`State.Error`), e.g. runc's `exec: "/app": no such file`. */
  readonly startError?: string;
  /** The last lines the container wrote, as `docker logs --tail` shows them. */
  readonly logTail: string;
}

/**
 * A container exited, was stopped or was removed under an exec or a read: the engine answered 409
 * (not running) or 404 (no such container) instead of doing it. That is the submission's
 * behaviour, never the grader's fault: the checks room turns it into a failed verdict that explains
 * the exit code.
 */
export class ContainerExitedError extends Error {
  constructor(
    readonly exit: ContainerExit,
    /** What the grader was doing when it found the container down, e.g. `exec id -u`. */
    readonly operation: string,
  ) {
    const how = exit.exitCode === undefined ? "is gone (removed)" : `exited with code ${exit.exitCode}${exit.oomKilled ? " (OOM-killed)" : ""}`;
    super(`container ${exit.containerId.slice(0, 12)} ${how} during ${operation}`);
    this.name = "ContainerExitedError";
  }
}

/**
 * The engine's answers that may mean the container is no longer there to run or read anything:
 * 404, 409 (`container stopped/paused`, `cannot join network of a non running container`), and the
 * 500 of a PID namespace it cannot join. The caller inspects the container to be sure.
 */
export function mayBeContainerDown(error: unknown): boolean {
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 404 || status === 409) return true;
  return status === 500 && /is not running|non running/i.test(message);
}
