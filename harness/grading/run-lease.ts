import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check, lock } from "proper-lockfile";

/** Refreshed every STALE_MS / 2 by the holder: a lease not refreshed for STALE_MS belongs to a dead run. */
const STALE_MS = 10_000;

function leaseDir(): string {
  return join(tmpdir(), "dockgrade-runs");
}

function leaseFile(runId: string): string {
  return join(leaseDir(), runId);
}

/**
 * Says "this run is alive" to every other dockgrade process on this machine for as long as it is
 * held, so a sweep at start-up or `dockgrade clean` removes only what dead runs left. A lock file
 * refreshed by its holder, rather than a PID: a PID is reused, a lock that stops being refreshed is not.
 */
export async function holdRunLease(runId: string): Promise<AsyncDisposable> {
  await mkdir(leaseDir(), { recursive: true });
  const file = leaseFile(runId);
  await writeFile(file, `${process.pid}\n`);
  // A lease lost because the event loop stalled past STALE_MS must not crash the grader: at worst a
  // concurrent sweep removes this run's objects and its checks fail on them.
  const release = await lock(file, { realpath: false, stale: STALE_MS, onCompromised: () => undefined });
  return {
    async [Symbol.asyncDispose]() {
      await release().catch(() => undefined);
      await rm(file, { force: true });
    },
  };
}

/** Whether a run of this machine still holds its lease. */
export async function isRunAlive(runId: string): Promise<boolean> {
  return check(leaseFile(runId), { realpath: false, stale: STALE_MS }).catch(() => false);
}
