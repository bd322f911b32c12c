import type { Text } from "../model/text.ts";

/** An exercise as its `exercise.yaml` declares it; its id is its folder path under exercises/. */
export interface Exercise {
  readonly id: string;
  readonly dir: string;
  readonly title: Text;
  readonly chapter: string;
  readonly submission: { readonly required: readonly string[] };
  readonly baseImages: readonly string[];
  readonly build?: {
    readonly dockerfile: string;
    readonly context: string;
    readonly target?: string;
    readonly timeoutSeconds: number;
  };
  readonly compose?: {
    readonly files: readonly string[];
    readonly profiles: readonly string[];
    readonly buildTimeoutSeconds: number;
    readonly startupTimeoutSeconds: number;
  };
  /** Sandbox policy exceptions the exercise needs (rule ids, allowed `cap_add` capabilities). */
  readonly policy: { readonly allow: readonly string[]; readonly capAdd: readonly string[] };
}
