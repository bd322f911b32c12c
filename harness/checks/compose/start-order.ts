/**
 * Pure judgement of one start order from the engine's own timestamps: did the dependent container
 * start after its dependency's healthcheck first succeeded? The engine keeps only the last five
 * probes of a container; when older ones may have been dropped, the verdict says it cannot tell
 * rather than blame the student for what the grader cannot see.
 */

/** The number of probe results the engine keeps (moby's maxLogEntries). */
export const HEALTH_LOG_SIZE = 5;

export interface HealthProbe {
  readonly start: string;
  readonly end: string;
  readonly exitCode: number;
}

export interface StartEvidence {
  /** `State.StartedAt` of the dependent: its last start. */
  readonly dependentStartedAt: string;
  readonly dependentRestarts: number;
  readonly dependencyStartedAt: string;
  /** `State.Health.Log` of the dependency, oldest first; undefined when it has no healthcheck. */
  readonly healthLog: readonly HealthProbe[] | undefined;
  /** The soonest a first probe can finish after the dependency starts (its interval). */
  readonly firstProbeDelayMs: number;
}

export type StartOrder =
  | { readonly order: "after-healthy"; readonly healthyAt: string; readonly marginMs: number }
  | { readonly order: "before-healthy"; readonly firstHealthyAt?: string; readonly earlyByMs?: number }
  /** The dependent crashed and was restarted: its first start came before the dependency was ready. */
  | { readonly order: "restarted"; readonly restarts: number }
  | { readonly order: "no-healthcheck" }
  | { readonly order: "unknown" };

export function judgeStartOrder(evidence: StartEvidence): StartOrder {
  if (evidence.dependentRestarts > 0) return { order: "restarted", restarts: evidence.dependentRestarts };
  if (!evidence.healthLog) return { order: "no-healthcheck" };
  const started = micros(evidence.dependentStartedAt);
  const successes = evidence.healthLog.filter((probe) => probe.exitCode === 0);
  const before = successes.find((probe) => micros(probe.end) <= started);
  if (before) return { order: "after-healthy", healthyAt: before.end, marginMs: Math.round((started - micros(before.end)) / 1000) };
  const firstHealthy = successes[0];
  const early = firstHealthy ? { firstHealthyAt: firstHealthy.end, earlyByMs: Math.round((micros(firstHealthy.end) - started) / 1000) } : {};
  // Nothing dropped yet: every probe since the dependency started is in the log.
  if (evidence.healthLog.length < HEALTH_LOG_SIZE) return { order: "before-healthy", ...early };
  // Started before any probe could even have run.
  if (started < micros(evidence.dependencyStartedAt) + evidence.firstProbeDelayMs * 1000) return { order: "before-healthy", ...early };
  return { order: "unknown" };
}

/**
 * Engine timestamps carry nanoseconds (`2024-05-01T10:00:00.123456789Z`), more than `Date`
 * keeps; microseconds since the epoch still fit a double exactly.
 */
export function micros(timestamp: string): number {
  const match = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!match) throw new Error(`not an engine timestamp: ${timestamp}`);
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) throw new Error(`not an engine timestamp: ${timestamp}`);
  const fraction = Number((match[2] ?? "").padEnd(6, "0").slice(0, 6));
  return seconds * 1000 + fraction;
}
