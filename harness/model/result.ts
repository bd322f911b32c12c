import type { Lang } from "./text.ts";

/**
 * The one result model. Every format (terminal, JSON, HTML, and later JUnit, CSV...) renders it.
 * Bump SCHEMA_VERSION on any change a consumer could notice; additions bump the minor part.
 */
export const SCHEMA_VERSION = "1.2";

export type CheckStatus = "passed" | "failed" | "error" | "skipped";

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly earned: number;
  readonly status: CheckStatus;
  /** What was observed, in the report's language. */
  readonly message: string;
  /** How to fix it, tied to the course; empty when passed. */
  readonly hint: string;
  /** The course section the check teaches, e.g. "05 — Multi-stage". */
  readonly course: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Raw output from the submission (build log, health log) shown verbatim and escaped. */
  readonly details?: string;
  /** The line of the submission that cost the points, when the check can tell (since 1.2). */
  readonly location?: SourceLocation;
  readonly needs: readonly string[];
  readonly startedAt: string;
  readonly durationMs: number;
}

/** A place in the submission: a path relative to its root, with `/`, and a 1-based line when known. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

export interface PhaseTiming {
  readonly phase: string;
  readonly durationMs: number;
}

/** Why a submission could not be graded at all (exit code 2). */
export interface GradingFailure {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  /** With code `policy-refused`: each setting refused, where it is written (since 1.1). */
  readonly violations?: readonly RefusedSetting[];
}

/** A setting of the submission the sandbox policy refuses, in the report's language. */
export interface RefusedSetting {
  readonly rule: string;
  readonly file: string;
  readonly line?: number;
  readonly setting: string;
  readonly message: string;
  /** CIS Docker Benchmark recommendation id. */
  readonly cis?: string;
}

export interface GradeResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: "dockgrade"; readonly version: string };
  readonly runId: string;
  readonly lang: Lang;
  readonly exercise: { readonly id: string; readonly title: string; readonly chapter: string };
  readonly submission: { readonly path: string };
  readonly engine?: { readonly version: string; readonly apiVersion: string; readonly endpoint: string };
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly CheckResult[];
  readonly failure?: GradingFailure;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly timings: readonly PhaseTiming[];
}

export function allPassed(result: GradeResult): boolean {
  return result.failure === undefined && result.checks.every((check) => check.status === "passed");
}
