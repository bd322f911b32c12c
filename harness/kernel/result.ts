import { LANGS, type Lang, type Text } from "./text.ts";

/**
 * The one result model. Every format (terminal, JSON, HTML, and later JUnit, CSV...) renders it.
 * Bump SCHEMA_VERSION on any change a consumer could notice; additions bump the minor part.
 */
export const SCHEMA_VERSION = "1.4";

/**
 * The sentences of one part of the result in every language (since 1.4), so a saved result renders in
 * either. The fields beside `texts` hold the same sentences in the result's `lang`, as before 1.4, for
 * readers that know one language; absent `texts` means those fields read the same in every language
 * (a result upgraded from 1.3, or built by hand).
 */
export type Texts<Part, Field extends keyof Part> = Readonly<Record<Lang, Pick<Part, Field>>>;

/** `{ title: text(fr, en) }` as `texts`: `{ fr: { title: fr }, en: { title: en } }`. */
export function textsOf<const Fields extends Readonly<Record<string, Text>>>(
  fields: Fields,
): Readonly<Record<Lang, { readonly [Field in keyof Fields]: string }>> {
  const inLang = (lang: Lang) =>
    Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, value[lang]])) as { [Field in keyof Fields]: string };
  return Object.fromEntries(LANGS.map((lang) => [lang, inLang(lang)])) as Record<Lang, { [Field in keyof Fields]: string }>;
}

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
  readonly texts?: Texts<CheckResult, "title" | "message" | "hint" | "course">;
  readonly startedAt: string;
  readonly durationMs: number;
}

/** A place in the submission: a path relative to its root, with `/`, and a 1-based line when known. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

export type FindingKind = "lint" | "secret" | "waste" | "content";
export type FindingSeverity = "error" | "warning" | "info";

/**
 * Something the grader noticed in the submission beyond a check's verdict, at the line that causes it
 * (since 1.3): a lint rule of the Dockerfile, a secret in a layer (even one a later layer deletes),
 * bytes wasted by a layer, content that should not ship (`.git`, caches, build tools).
 */
export interface Finding {
  readonly kind: FindingKind;
  /** Stable id, e.g. `DG3009` for a lint rule, `secret/private-key`, `waste/duplicate`. */
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** In the report's language. */
  readonly message: string;
  /** The submission's file at fault, relative to its root with `/`; `line`/`column` 1-based. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The course section it comes from, e.g. "05 — Dockerfile". */
  readonly course?: string;
  /** Inside the image: the file concerned, and its bytes. */
  readonly path?: string;
  readonly bytes?: number;
  /** The check that reported it, when one did. */
  readonly check?: string;
  readonly texts?: Texts<Finding, "message" | "course">;
}

/** One layer of a built image, as the grader read it from the image's own archive. */
export interface LayerSummary {
  readonly index: number;
  readonly digest: string;
  /** The Dockerfile instruction that created it, and where it is written (absent for a base image's layers). */
  readonly instruction: string;
  readonly file?: string;
  readonly line?: number;
  readonly bytes: number;
  readonly filesAdded: number;
  readonly filesChanged: number;
  readonly filesRemoved: number;
  /** Bytes of this layer that a later layer replaces or removes: shipped, never seen. */
  readonly wastedBytes: number;
}

/** The layers of one image the submission built (since 1.3); efficiency and waste as dive defines them. */
export interface ImageAnalysis {
  /** `image` for the exercise's image, else the Compose service. */
  readonly name: string;
  readonly digest: string;
  readonly bytes: number;
  readonly wastedBytes: number;
  /** 0..1: 1 when no byte is shipped twice or shipped and deleted. */
  readonly efficiency: number;
  readonly layers: readonly LayerSummary[];
  readonly largestFiles: readonly { readonly path: string; readonly bytes: number; readonly layer: number }[];
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
  readonly texts?: Texts<GradingFailure, "message" | "hint">;
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
  readonly texts?: Texts<RefusedSetting, "message">;
}

export interface ExerciseSummary {
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  readonly texts?: Texts<ExerciseSummary, "title">;
}

export interface GradeResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: "dockgrade"; readonly version: string };
  readonly runId: string;
  /** The language the run was asked in: the one of the fields beside each `texts`, and the default for rendering. */
  readonly lang: Lang;
  readonly exercise: ExerciseSummary;
  readonly submission: { readonly path: string };
  readonly engine?: { readonly version: string; readonly apiVersion: string; readonly endpoint: string };
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly CheckResult[];
  /** Lint, secrets, waste and content findings, each at its file and line (since 1.3). */
  readonly findings?: readonly Finding[];
  /** The layers of each image the submission built (since 1.3). */
  readonly images?: readonly ImageAnalysis[];
  readonly failure?: GradingFailure;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly timings: readonly PhaseTiming[];
}

export function allPassed(result: GradeResult): boolean {
  return result.failure === undefined && result.checks.every((check) => check.status === "passed");
}
