import { UsageError } from "../../kernel/errors.ts";

const GIB = 1024 ** 3;

/**
 * Most an image may weigh (the engine's `Size`, base layers included) for the grader to export or
 * analyse it. The course's largest image is a few hundred MB; one of 2 GiB holds a disk image or a
 * build's leftovers, and saving or walking it would cost the grader's disk and minutes. One value
 * for every module that reads images: the builder refuses a bigger one, and so do the readers.
 */
export const IMAGE_SIZE_LIMIT_BYTES = 2 * GIB;

export interface BuildDiskLimits {
  /** Bytes a build may write to the engine's build cache: its steps' snapshots, finished or running. */
  readonly buildBytes: number;
  /** Bytes the built image may weigh; see IMAGE_SIZE_LIMIT_BYTES. */
  readonly imageBytes: number;
  /** Between two looks at the build's snapshots; a step writes at disk speed in between. */
  readonly intervalMs: number;
}

/**
 * 4 GiB: a course build writes tens of MB (an `apt-get install` a few hundred); more is a runaway
 * step (`head -c 30000000000 /dev/zero > /big` once wrote 30 GB and exported it as an image).
 */
export const BUILD_DISK_LIMITS: BuildDiskLimits = { buildBytes: 4 * GIB, imageBytes: IMAGE_SIZE_LIMIT_BYTES, intervalMs: 500 };

/** The one environment variable an operator may set: a smaller build-disk limit, for a small disk (or a test). */
export const BUILD_DISK_LIMIT_ENV = "DOCKGRADE_BUILD_DISK_LIMIT";

const UNITS: Readonly<Record<string, number>> = { "": 1, k: 1024, m: 1024 ** 2, g: GIB };

/**
 * The limits builds run under: the defaults, with the build-disk limit lowered when the operator
 * set DOCKGRADE_BUILD_DISK_LIMIT (`300m`, `1g`, a byte count). A value above the default is
 * refused: the default is what keeps a student's laptop from filling up.
 */
export function buildDiskLimitsFrom(env: NodeJS.ProcessEnv = process.env): BuildDiskLimits {
  const written = env[BUILD_DISK_LIMIT_ENV]?.trim();
  if (written === undefined || written === "") return BUILD_DISK_LIMITS;
  const match = /^(\d+)\s*([kmg]?)i?b?$/i.exec(written);
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? "").toLowerCase()] ?? 1) : Number.NaN;
  if (!(bytes > 0) || bytes > BUILD_DISK_LIMITS.buildBytes) {
    throw new UsageError(
      `${BUILD_DISK_LIMIT_ENV}=${written} is not a build-disk limit the grader accepts.`,
      `Give a size between 1 and 4g (for example 300m), or unset ${BUILD_DISK_LIMIT_ENV} to keep the default of 4 GiB.`,
    );
  }
  return { ...BUILD_DISK_LIMITS, buildBytes: bytes };
}
