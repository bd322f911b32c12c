import type { OversizedContext } from "../build/build-context.ts";
import type { BuildDiskLimits } from "../build/build-disk-limits.ts";
import type { BuildDiskOverrun } from "../build/build-disk-watch.ts";
import type { Labels } from "../../kernel/run-labels.ts";

/** A file BuildKit mounts for `RUN --mount=type=secret,id=<id>`; it never lands in the image. */
export interface BuildSecretFile {
  readonly id: string;
  readonly file: string;
}

/** What the grader hands to a build besides the context: secrets, and build arguments. */
export interface BuildInputs {
  readonly secrets?: readonly BuildSecretFile[];
  readonly buildArgs?: Readonly<Record<string, string>>;
}

export interface BuildSpec extends BuildInputs {
  readonly contextDir: string;
  /** Absolute path of the Dockerfile (already checked to lie inside the submission). */
  readonly dockerfile: string;
  readonly tag: string;
  readonly labels: Labels;
  readonly target?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The grader's own builds (offline base images) pass the defaults: a lower limit an operator sets
   * bounds submissions, and compiling busybox's toolchain would not fit in it. Absent: the builder's.
   */
  readonly diskLimits?: BuildDiskLimits;
}

export type BuildOutcome =
  | { readonly ok: true; readonly imageId: string; readonly log: string; readonly durationMs: number }
  | {
      readonly ok: false;
      /** failed: the Dockerfile's fault; timeout: over budget; cancelled: the user stopped the run. */
      readonly reason: "failed" | "timeout" | "cancelled";
      readonly log: string;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      /** The context passed a cap (harness/engine/build/build-context.ts): nothing was sent to BuildKit. */
      readonly reason: "context-too-large";
      readonly context: OversizedContext;
      readonly log: string;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      /** The build wrote, or its image weighs, more than a disk limit (build-disk-limits.ts): cancelled, its cache and image removed. */
      readonly reason: "over-disk-limit";
      readonly overrun: BuildDiskOverrun;
      readonly log: string;
      readonly durationMs: number;
    };

export interface ImageBuilder {
  /** buildx version line, or undefined when BuildKit's client is missing. */
  version(): Promise<string | undefined>;
  build(spec: BuildSpec): Promise<BuildOutcome>;
}
