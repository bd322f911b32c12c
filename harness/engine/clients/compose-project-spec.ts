import type { ComposeModel } from "../compose-model.ts";

/** What names one Compose project to the engine: shared by the Compose client and the grader's own Compose builds. */
export interface ComposeProjectSpec {
  /** The project directory: relative paths in the files resolve against it. */
  readonly dir: string;
  /** Compose files, relative to `dir` or absolute (the grader's own override). */
  readonly files: readonly string[];
  readonly projectName: string;
  readonly profiles: readonly string[];
}

export type ComposeConfigOutcome = { readonly ok: true; readonly model: ComposeModel } | { readonly ok: false; readonly error: string };
