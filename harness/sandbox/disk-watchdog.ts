import { statfs } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Engine } from "../engine/engine.ts";
import { RUN_LABEL } from "../kernel/run-labels.ts";
import type { Text } from "../kernel/text.ts";
import { DEFAULT_DISK_LIMITS, findDiskBreach, type DiskBreach, type DiskLimits } from "./disk-breach.ts";

export interface DiskWatchdogOptions {
  readonly engine: Engine;
  readonly runId: string;
  /** Called once, after the offending containers were killed; the watchdog then stops looking. */
  readonly onBreach: (reason: Text) => void;
  readonly limits?: DiskLimits;
}

/**
 * Watches what a run writes while it goes: each container's writable layer, the run's volumes, and
 * the engine's free space when the engine runs on this machine. The storage driver here (overlay2
 * on ext4) has no per-container quota, so a loop of `dd` in a service would otherwise fill the
 * engine's disk for every run. On a breach it kills the containers that wrote, tells `onBreach`
 * why, and stops. Looks never overlap: one that takes long (a layer of many files) delays the next.
 * Measured on the CI machine: listing 5 containers with their sizes, 40-70 ms; the sizes of every
 * volume (3 of 3,000 files each), 26 ms.
 */
export function startDiskWatchdog(options: DiskWatchdogOptions): AsyncDisposable {
  const limits = options.limits ?? DEFAULT_DISK_LIMITS;
  const stop = new AbortController();
  const watching = watch(options, limits, stop.signal);
  return {
    async [Symbol.asyncDispose]() {
      stop.abort();
      await watching;
    },
  };
}

/**
 * Sizing volumes walks every volume of the engine, other projects' too. Its cost is measured each
 * time, and it waits ten times that long before the next: at most a tenth of the engine's time.
 */
const VOLUME_LOOK_SPACING = 10;

async function watch(options: DiskWatchdogOptions, configured: DiskLimits, signal: AbortSignal): Promise<void> {
  const { engine, runId } = options;
  const freeBytes = await localFreeSpace(engine).catch(() => undefined);
  // A machine that starts short of the floor (a student's full laptop) must still grade: the floor
  // is then half of what was free when the run began, so only this run's own writing trips it.
  const freeAtStart = await freeBytes?.().catch(() => undefined);
  const limits = freeAtStart === undefined ? configured : { ...configured, minFreeBytes: Math.min(configured.minFreeBytes, freeAtStart / 2) };
  let volumeSizes: ReadonlyMap<string, number> = new Map();
  let nextVolumeLook = 0;
  while (!signal.aborted) {
    let breach: DiskBreach | undefined;
    try {
      const [containers, labelled, free] = await Promise.all([
        engine.containers.diskUsage(RUN_LABEL, runId),
        engine.volumes.listByLabel(RUN_LABEL, runId),
        freeBytes?.().catch(() => undefined),
      ]);
      // Anonymous volumes carry no label: the run's containers say which they mount.
      const names = new Set([...labelled.map((volume) => volume.name), ...containers.flatMap((container) => container.volumes)]);
      if (names.size > 0 && Date.now() >= nextVolumeLook) {
        const started = Date.now();
        volumeSizes = await engine.volumeSizes();
        nextVolumeLook = Date.now() + (Date.now() - started) * VOLUME_LOOK_SPACING;
      }
      const volumes = new Map([...volumeSizes].filter(([name]) => names.has(name)));
      breach = findDiskBreach({ containers, volumes, ...(free === undefined ? {} : { freeBytes: free }) }, limits);
    } catch {
      // The engine did not answer this time (busy, or the run is tearing down): look again later.
      // The watchdog must never be what fails a run.
    }
    // A look that ended after the run stopped the watchdog is not acted on.
    if (breach && !signal.aborted) {
      // A container that could not be killed is removed with the run anyway.
      await Promise.all(breach.offenders.map((id) => engine.containers.kill(id).catch(() => undefined)));
      options.onBreach(breach.reason);
      return;
    }
    await sleep(limits.intervalMs, undefined, { signal }).catch(() => undefined);
  }
}

/**
 * The engine's free space, read from its data folder, when the engine runs on this machine (its
 * socket is local and it names itself as this host does). Docker Desktop's engine lives in a VM
 * whose disk cannot be read from here; a remote engine's neither: the free-space look is skipped.
 */
async function localFreeSpace(engine: Engine): Promise<(() => Promise<number>) | undefined> {
  if (!engine.endpoint.host.startsWith("unix://")) return undefined;
  const info = await engine.info();
  if (info.name !== hostname()) return undefined;
  const read = async () => {
    const stats = await statfs(info.dockerRootDir);
    return stats.bavail * stats.bsize;
  };
  await read();
  return read;
}
