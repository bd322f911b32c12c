import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { lock } from "proper-lockfile";

export interface LockOptions {
  readonly signal?: AbortSignal;
  /** Told once when another process holds the lock and we wait for it. */
  readonly onWait?: () => void;
  /** Told if the lock was lost while held (e.g. the event loop stalled past `STALE_MS`). */
  readonly onLost?: (error: Error) => void;
}

/** A holder refreshes its lock every STALE_MS / 2; one not refreshed for STALE_MS died, and its lock is taken over. */
const STALE_MS = 30_000;
const POLL_MS = 500;

/**
 * Runs `work` while holding a lock shared by every dockgrade process on this machine: two graders
 * started at once must not both build the same base image, nor run BuildKit builds side by side
 * (see harness/engine/clients/buildx-builder.ts). The lock is a directory under os.tmpdir() (mkdir
 * is atomic); waiting polls it, so the caller's signal can stop the wait.
 */
export async function withMachineLock<T>(key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(join(tmpdir(), `dockgrade-lock-${key.replace(/[^a-zA-Z0-9._-]/g, "_")}`), options);
  try {
    return await work();
  } finally {
    await release().catch(() => undefined); // a lost lock has nothing left to release
  }
}

async function acquire(path: string, { signal, onWait, onLost }: LockOptions): Promise<() => Promise<void>> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await lock(path, {
        realpath: false,
        lockfilePath: `${path}.lock`,
        stale: STALE_MS,
        onCompromised: (error) => onLost?.(error),
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "ELOCKED") throw error;
      if (attempt === 0) onWait?.();
      await sleep(POLL_MS, undefined, { signal });
    }
  }
}
