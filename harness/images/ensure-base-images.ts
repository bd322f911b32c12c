import { type BaseImageGroup, normaliseImageRef, OFFLINE_BUILDABLE_REFS, type OfflineBuilderKind, planBaseImages } from "./base-image-plan.ts";
import { BaseImageUnavailableError } from "./errors.ts";
import { withMachineLock } from "../locks/machine-lock.ts";
import { BUSYBOX_BUILD_BASE } from "./busybox-source.ts";
import type { BaseImageTools, OfflineBuilder } from "./offline-builder.ts";
import { buildOfflineBusybox } from "./offline-busybox.ts";
import { buildOfflineDebian } from "./offline-debian.ts";

/** aliased: tagged from an interchangeable image of the same offline builder that was already here. */
export type BaseImageSource = "present" | "pulled" | "built-offline" | "aliased";

export interface BaseImageReport {
  /** The canonical name (`busybox` -> `busybox:latest`). */
  readonly ref: string;
  readonly obtained: BaseImageSource;
  /** Time until this image was available, waiting for another process included. */
  readonly durationMs: number;
  /** For `built-offline`: the Debian or busybox version inside, also in label org.opencontainers.image.version. */
  readonly version?: string;
}

export interface EnsureBaseImagesOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
  /** Try the registry before building offline; true unless set to false. */
  readonly pull?: boolean;
}

const BUILDERS: Readonly<Record<OfflineBuilderKind, OfflineBuilder>> = {
  debootstrap: buildOfflineDebian,
  "busybox-source": buildOfflineBusybox,
};

/** The images a builder builds in, made available (pulled or built offline in turn) before it runs. */
const BUILD_BASES: Readonly<Record<OfflineBuilderKind, readonly string[]>> = {
  debootstrap: [],
  "busybox-source": [BUSYBOX_BUILD_BASE],
};

/**
 * Makes every base image in `refs` present on the engine: an image already there is left alone, a
 * missing one is pulled, and if no registry answers it is built offline. Aliases (debian:12-slim and
 * debian:bookworm, or two busybox tags) are built once and tagged. Reports follow the order of `refs`.
 */
export async function ensureBaseImages(tools: BaseImageTools, refs: readonly string[], options: EnsureBaseImagesOptions = {}): Promise<BaseImageReport[]> {
  const reports = new Map<string, BaseImageReport>();
  for (const group of planBaseImages(refs)) {
    for (const report of await ensureGroup(tools, group, options)) reports.set(report.ref, report);
  }
  return [...new Set(refs.map(normaliseImageRef))].flatMap((ref) => reports.get(ref) ?? []);
}

async function ensureGroup(tools: BaseImageTools, group: BaseImageGroup, options: EnsureBaseImagesOptions): Promise<BaseImageReport[]> {
  const started = performance.now();
  const { builder } = group;
  if ((await missing(tools, group.refs)).length === 0) return group.refs.map((ref) => report(ref, "present", started));
  // Pull-only images need no lock: the engine already merges concurrent pulls of one image.
  if (builder === undefined) return obtain(tools, group, started, options);
  // One lock per builder, not per ref: a process making debian:12-slim and one making debian:bookworm
  // would otherwise both run debootstrap for the same image.
  return withMachineLock(`base-image-${builder}`, () => obtain(tools, group, started, options), {
    signal: options.signal,
    onWait: () => options.onProgress?.(`${group.refs.join(", ")}: waiting for another dockgrade process building ${builder} images`),
    onLost: (error) => options.onProgress?.(`${group.refs.join(", ")}: lost the ${builder} lock (${error.message}); building anyway`),
  });
}

async function obtain(
  tools: BaseImageTools,
  group: BaseImageGroup,
  started: number,
  { signal, onProgress, pull = true }: EnsureBaseImagesOptions,
): Promise<BaseImageReport[]> {
  // Checked again: another process may have made them while we waited for the lock.
  let absent = await missing(tools, group.refs);
  const reports = new Map(group.refs.filter((ref) => !absent.includes(ref)).map((ref) => [ref, report(ref, "present", started)]));
  let pullFailure: unknown;
  for (const ref of pull ? absent : []) {
    onProgress?.(`${ref}: pulling`);
    try {
      await tools.images.pull(ref, signal);
      reports.set(ref, report(ref, "pulled", started));
    } catch (error) {
      signal?.throwIfAborted();
      pullFailure = error;
      onProgress?.(`${ref}: pull failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  absent = absent.filter((ref) => !reports.has(ref));
  // The refs of a group are interchangeable offline: tag a missing one from one that is here rather
  // than run the builder again.
  const available = group.refs.find((ref) => reports.has(ref));
  if (available !== undefined && group.builder !== undefined) {
    for (const ref of absent) {
      await tools.images.tag(available, ref);
      reports.set(ref, report(ref, "aliased", started));
      onProgress?.(`${ref}: tagged from ${available}`);
    }
    absent = [];
  }
  const [first, ...aliases] = absent;
  if (first !== undefined) {
    if (group.builder === undefined) throw new BaseImageUnavailableError(first, OFFLINE_BUILDABLE_REFS, pullFailure);
    const bases = BUILD_BASES[group.builder];
    if (bases.length > 0) await ensureBaseImages(tools, bases, { signal, ...(onProgress ? { onProgress } : {}), pull });
    onProgress?.(`${first}: building offline (${group.builder})`);
    const version = await BUILDERS[group.builder](tools, first, { signal, onProgress });
    for (const alias of aliases) await tools.images.tag(first, alias);
    for (const ref of absent) reports.set(ref, report(ref, "built-offline", started, version));
    onProgress?.(`${absent.join(", ")}: built offline (version ${version}) in ${seconds(started)} s`);
  }
  return group.refs.flatMap((ref) => reports.get(ref) ?? []);
}

async function missing({ images }: BaseImageTools, refs: readonly string[]): Promise<string[]> {
  const present = await Promise.all(refs.map((ref) => images.exists(ref)));
  return refs.filter((_, index) => !present[index]);
}

function report(ref: string, obtained: BaseImageSource, started: number, version?: string): BaseImageReport {
  const durationMs = Math.round(performance.now() - started);
  return version === undefined ? { ref, obtained, durationMs } : { ref, obtained, durationMs, version };
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
