import type { Text } from "../kernel/text.ts";

/** A secret the grader provides to the build (exercise.yaml `build.secrets`, `compose.buildSecrets`). */
export interface BuildSecretSpec {
  readonly id: string;
  /** Also passed as this build argument (a leaky channel a starter may use). */
  readonly buildArg?: string;
}

/** An exercise as its `exercise.yaml` declares it; its id is its folder path under exercises/. */
export interface Exercise {
  readonly id: string;
  readonly dir: string;
  readonly title: Text;
  readonly chapter: string;
  readonly submission: {
    readonly required: readonly string[];
    /** Given by the exercise, not to be touched (paths relative to the submission, as in its starter/). */
    readonly provided?: readonly string[];
  };
  readonly baseImages: readonly string[];
  readonly build?: {
    readonly dockerfile: string;
    readonly context: string;
    readonly target?: string;
    readonly timeoutSeconds: number;
    readonly secrets?: readonly BuildSecretSpec[];
    /** The application source file the cache-reuse check edits before it rebuilds. */
    readonly cacheProbe?: { readonly edit: string };
  };
  readonly compose?: {
    readonly files: readonly string[];
    readonly profiles: readonly string[];
    readonly buildTimeoutSeconds: number;
    readonly startupTimeoutSeconds: number;
    readonly buildSecrets?: readonly BuildSecretSpec[];
  };
  /** Sandbox policy exceptions the exercise needs (rule ids, allowed `cap_add` capabilities). */
  readonly policy: { readonly allow: readonly string[]; readonly capAdd: readonly string[] };
}
