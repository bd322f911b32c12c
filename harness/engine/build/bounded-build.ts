import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { BuildCache } from "./build-cache.ts";
import type { BuildDiskLimits } from "./build-disk-limits.ts";
import { stepLine } from "./build-disk-message.ts";
import { localSnapshotsDir, watchBuildDisk, type BuildDiskOverrun } from "./build-disk-watch.ts";
import { runBuildx, type BuildxRun } from "./build-process.ts";

export interface BoundedBuildRun {
  readonly outcome: BuildxRun["outcome"] | "over-disk-limit";
  readonly log: string;
  /** Set when the outcome is over-disk-limit. */
  readonly overrun?: BuildDiskOverrun;
}

export interface BoundedBuildOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly disk: BuildDiskLimits;
  /** The tag the build gives its image: weighed once built, removed when over the image limit. */
  readonly tag: string;
  /** The Dockerfile built, to name the line of a step that wrote too much. */
  readonly dockerfile: string;
}

/**
 * After a cancelled build, BuildKit releases its snapshots within a second or two (Engine 26.1);
 * a record still in use past this is left to `docker buildx prune`, and the log says so.
 */
const RELEASE_MS = 20_000;
const RELEASE_POLL_MS = 250;

/**
 * A sandboxed build (build-process.ts) whose disk is bounded too: the build cache it writes is
 * watched while it runs and the build cancelled past the limit; the image it made is weighed
 * before anyone exports or reads it, and removed when over the image limit. A build that went over
 * a limit, timed out or was cancelled leaves no cache: every record it created is pruned, and only
 * those (the records that were there before it stay, the user's own included). The caller holds
 * the engine's build lock, so no other build of the grader's makes records meanwhile.
 */
export async function runBoundedBuild(docker: Docker, engineHost: string, args: readonly string[], options: BoundedBuildOptions): Promise<BoundedBuildRun> {
  const cache = new BuildCache(docker);
  const notes: string[] = [];
  const [before, snapshotsDir] = await Promise.all([cache.ids(), localSnapshotsDir(docker, engineHost).catch(() => undefined)]);
  let overrun: BuildDiskOverrun | undefined;
  const overLimit = new AbortController();
  const watching = new AbortController();
  const watch = watchBuildDisk({
    cache,
    before,
    limitBytes: options.disk.buildBytes,
    intervalMs: options.disk.intervalMs,
    snapshotsDir,
    signal: watching.signal,
    onOver: (found) => {
      overrun = found;
      overLimit.abort();
    },
  });
  let run: BuildxRun;
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, overLimit.signal]) : overLimit.signal;
    run = await runBuildx(engineHost, args, { timeoutMs: options.timeoutMs, signal });
  } finally {
    watching.abort();
    await watch;
  }
  if (run.outcome === "succeeded" || overrun) {
    const image = await weighImage(docker, options.tag);
    if (image && !overrun && image.bytes > options.disk.imageBytes) overrun = { over: "image", limitBytes: options.disk.imageBytes, reachedBytes: image.bytes };
    // A build cancelled past the limit may still have tagged its image.
    if (image && overrun)
      await docker
        .getImage(image.id)
        .remove({ force: true })
        .catch((error: Error) => notes.push(`image ${image.id} not removed: ${error.message}`));
  }
  const outcome = overrun ? "over-disk-limit" : run.outcome;
  if (outcome !== "succeeded" && outcome !== "failed") {
    const left = await pruneCreatedSince(cache, before);
    if (left > 0) notes.push(`${left} build cache record(s) of this build still in use after ${RELEASE_MS / 1000} s: \`docker buildx prune\` removes them`);
  }
  const log = [run.log, ...notes.map((note) => `dockgrade: ${note}\n`)].join("");
  return { outcome, log, ...(overrun ? { overrun: await withLine(overrun, options.dockerfile) } : {}) };
}

async function withLine(overrun: BuildDiskOverrun, dockerfile: string): Promise<BuildDiskOverrun> {
  if (overrun.step === undefined) return overrun;
  const line = stepLine(await readFile(dockerfile, "utf8").catch(() => ""), overrun.step);
  return line === undefined ? overrun : { ...overrun, line };
}

async function weighImage(docker: Docker, tag: string): Promise<{ id: string; bytes: number } | undefined> {
  const inspected = await docker
    .getImage(tag)
    .inspect()
    .catch(() => undefined);
  return inspected ? { id: inspected.Id, bytes: inspected.Size } : undefined;
}

/**
 * Prunes every record that was not there before, again while BuildKit releases them (a record in
 * use, or the parent of one not yet pruned, stays); returns how many are left at the deadline.
 */
async function pruneCreatedSince(cache: BuildCache, before: ReadonlySet<string>): Promise<number> {
  const deadline = Date.now() + RELEASE_MS;
  for (;;) {
    const created = [...(await cache.ids().catch(() => new Set<string>()))].filter((id) => !before.has(id));
    if (created.length === 0) return 0;
    for (const id of created) await cache.prune(id).catch(() => false);
    const left = [...(await cache.ids().catch(() => new Set<string>()))].filter((id) => !before.has(id)).length;
    if (left === 0 || Date.now() > deadline) return left;
    await sleep(RELEASE_POLL_MS);
  }
}
