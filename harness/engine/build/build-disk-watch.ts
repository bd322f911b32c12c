import { constants } from "node:fs";
import { access, lstat, opendir } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import type { BuildCache, BuildCacheRecord } from "./build-cache.ts";

/** A build went past a disk limit: what it wrote to the build cache, or the image it made. */
export interface BuildDiskOverrun {
  readonly over: "build" | "image";
  readonly limitBytes: number;
  readonly reachedBytes: number;
  /** The command of the step that wrote the most, when the engine named it. */
  readonly step?: string;
  /** That step's line in the Dockerfile, when the builder found it there. */
  readonly line?: number;
}

export interface BuildDiskWatchOptions {
  readonly cache: BuildCache;
  /** The cache's records before the build began: only the others are this build's. */
  readonly before: ReadonlySet<string>;
  readonly limitBytes: number;
  readonly intervalMs: number;
  /** Where the engine keeps its snapshots' upper dirs, when the grader can read them (see localSnapshotsDir). */
  readonly snapshotsDir: string | undefined;
  /** Called once; the watch then stops looking. */
  readonly onOver: (overrun: BuildDiskOverrun) => void;
  readonly signal: AbortSignal;
}

/**
 * Watches what a build writes to the engine's build cache. The engine reports a step's snapshot
 * only once the step has ended (Engine 26.1: a RUN writing 1 GB shows 0 B until it finishes, then
 * 1 GB), which is too late for a step that writes 30 GB. So the snapshot of a running step is
 * measured on disk where the grader can read the engine's data root: on overlay2 a record's id is
 * its folder, `<root>/overlay2/<id>/diff` the step's writes. Elsewhere (a remote engine, Docker
 * Desktop's VM) only finished steps count: a single step may pass the limit before the build is
 * cancelled, but never reaches the export. Looks never overlap; one the engine does not answer is
 * skipped: the watch must never be what fails a build.
 */
export async function watchBuildDisk(options: BuildDiskWatchOptions): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    const started = Date.now();
    const overrun = await look(options).catch(() => undefined);
    // A look that ended after the build did is not acted on.
    if (overrun && !signal.aborted) {
      options.onOver(overrun);
      return;
    }
    await sleep(Math.max(options.intervalMs, (Date.now() - started) * LOOK_SPACING), undefined, { signal }).catch(() => undefined);
  }
}

/**
 * Listing the cache walks all of BuildKit's records (0.1 to 0.2 s for 1,200 on Engine 26.1): the
 * next look waits at least this many times as long as the last took, so that the watch never takes
 * more than a fifth of the engine's time from the build it watches.
 */
const LOOK_SPACING = 4;

async function look(options: BuildDiskWatchOptions): Promise<BuildDiskOverrun | undefined> {
  const records = (await options.cache.records()).filter((record) => !options.before.has(record.id));
  let reached = 0;
  let biggest: { record: BuildCacheRecord; bytes: number } | undefined;
  for (const record of records) {
    const measured = record.inUse && options.snapshotsDir ? await snapshotBytes(options.snapshotsDir, record.id, options.limitBytes - reached) : 0;
    const bytes = Math.max(record.sizeBytes, measured);
    reached += bytes;
    if (!biggest || bytes > biggest.bytes) biggest = { record, bytes };
    if (reached > options.limitBytes) break;
  }
  if (reached <= options.limitBytes) return undefined;
  const step = biggest ? stepOf(biggest.record.description) : undefined;
  return { over: "build", limitBytes: options.limitBytes, reachedBytes: reached, ...(step ? { step } : {}) };
}

/** `mount / from exec /bin/sh -c <command>` -> `<command>`; other records name no step. */
function stepOf(description: string): string | undefined {
  const exec = /^mount \/ from exec (?:\/bin\/sh -c )?(.*)$/s.exec(description);
  return exec?.[1]?.trim() || undefined;
}

/**
 * The disk a running step's snapshot uses (allocated blocks: a sparse file costs what it holds),
 * walked without following links, and stopped as soon as it passes `enough`: a step that wrote a
 * million files costs the look only what it takes to pass the limit.
 */
async function snapshotBytes(snapshotsDir: string, id: string, enough: number): Promise<number> {
  // Record ids are BuildKit's (lower-case letters and digits): never a path of the submission's.
  if (!/^[a-z0-9]+$/.test(id)) return 0;
  let bytes = 0;
  const pending = [join(snapshotsDir, id, "diff")];
  while (pending.length > 0 && bytes <= enough) {
    const dir = await opendir(pending.pop() as string, { bufferSize: 256 }).catch(() => undefined);
    if (!dir) continue;
    for await (const entry of dir) {
      const path = join(dir.path, entry.name);
      if (entry.isDirectory()) pending.push(path);
      bytes += ((await lstat(path).catch(() => undefined))?.blocks ?? 0) * 512;
      if (bytes > enough) break;
    }
  }
  return bytes;
}

/**
 * `<DockerRootDir>/overlay2` when the engine runs on this machine (a unix socket, and it names
 * itself as this host does), stores images with the overlay2 driver, and the grader may read its
 * data root (root); undefined otherwise, and the watch counts finished steps only.
 */
export async function localSnapshotsDir(docker: Docker, engineHost: string): Promise<string | undefined> {
  if (!engineHost.startsWith("unix://")) return undefined;
  const info = (await docker.info()) as { Name?: string; Driver?: string; DockerRootDir?: string };
  if (info.Name !== hostname() || info.Driver !== "overlay2" || !info.DockerRootDir) return undefined;
  const dir = join(info.DockerRootDir, "overlay2");
  return access(dir, constants.R_OK | constants.X_OK).then(
    () => dir,
    () => undefined,
  );
}
