import type Docker from "dockerode";
import type { Labels } from "../../kernel/run-labels.ts";

/**
 * The ceilings every container of a run lives under, whoever started it (the grader, or Compose
 * for the submission's services). A submission is untrusted code: without them one service could
 * take the machine's memory, processes, CPU or disk away from the grader and from other runs.
 */
export interface ContainerLimits {
  /** Memory, swap included: the engine's MemorySwap is set to the same value, so no swap at all. */
  readonly memoryBytes: number;
  readonly pids: number;
  readonly cpus: number;
  /** What the engine keeps of a container's logs on disk: `max-size` × `max-file`. */
  readonly logMaxBytes: number;
  readonly logMaxFiles: number;
  /** Seconds between the stop signal and SIGKILL when the engine stops a container on its own. */
  readonly stopTimeoutSeconds: number;
}

const MIB = 1024 * 1024;

/**
 * - 1 GiB: the heaviest service of the course (a Debian-based database) uses under 256 MiB; four
 *   times that is head room, and a leak or a hog is stopped long before the machine swaps.
 * - 512 processes: a shell service with an init uses a few dozen; a fork bomb stops at 512.
 * - 1.5 CPUs: on a 2-core CI runner half a core stays for the engine and the grader, whose timers
 *   and probes must keep running while a service spins.
 * - logs 10 MiB in 1 file: the grader reads at most the last MiB; a chatty service writes less than
 *   that in a grading run, a flooding one is cut on disk at 10 MiB.
 * - 3 s stop timeout: every check that stops a service says its own timeout; this one only bounds
 *   what the engine does by itself (a `docker stop` with no -t), for an app that ignores SIGTERM.
 */
export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = {
  memoryBytes: 1024 * MIB,
  pids: 512,
  cpus: 1.5,
  logMaxBytes: 10 * MIB,
  logMaxFiles: 1,
  stopTimeoutSeconds: 3,
};

/** The limits a check grades; logs and the stop timeout are the grader's business only. */
export type GradedLimit = "memory" | "cpus" | "pids";

/** Limits the student did not set at all: the grader's ceiling is all there is (`memory,pids`). */
export const IMPOSED_LABEL = "dockgrade.imposed";
/** Limits the student set above the ceiling, with the student's own value (`memory=2147483648`). */
export const CAPPED_LABEL = "dockgrade.capped";

/** What the grader did to one limit of a container, read back from its labels by the limit checks. */
export type GraderCeiling = { readonly kind: "none" } | { readonly kind: "imposed" } | { readonly kind: "capped"; readonly studentValue: number };

/**
 * The labels that say which limits are the grader's. Always both, even empty: a label the student
 * wrote with the same name is replaced, never believed.
 */
export function ceilingLabels(imposed: readonly GradedLimit[], capped: Readonly<Partial<Record<GradedLimit, number>>>): Labels {
  return {
    [IMPOSED_LABEL]: imposed.join(","),
    [CAPPED_LABEL]: Object.entries(capped)
      .map(([limit, value]) => `${limit}=${value}`)
      .join(","),
  };
}

export function graderCeiling(labels: Labels | undefined, limit: GradedLimit): GraderCeiling {
  if ((labels?.[IMPOSED_LABEL] ?? "").split(",").includes(limit)) return { kind: "imposed" };
  for (const entry of (labels?.[CAPPED_LABEL] ?? "").split(",")) {
    const [name, raw] = entry.split("=");
    const value = Number(raw);
    if (name === limit && raw !== undefined && Number.isFinite(value)) return { kind: "capped", studentValue: value };
  }
  return { kind: "none" };
}

/** A grader-started container has no limits of the student's: every ceiling is imposed. */
export function limitedHostConfig(limits: ContainerLimits): Docker.HostConfig {
  return {
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    LogConfig: { Type: "json-file", Config: logOptions(limits) },
  };
}

export const ALL_IMPOSED: Labels = ceilingLabels(["memory", "cpus", "pids"], {});

/** json-file and local both read `max-size` (Docker's units: 10m is 10 MiB) and `max-file`. */
export function logOptions(limits: ContainerLimits): Record<string, string> {
  return { "max-size": `${Math.floor(limits.logMaxBytes / 1024)}k`, "max-file": String(limits.logMaxFiles) };
}
