import type { ComposeConfigOutcome } from "../../engine/clients/compose-project-spec.ts";
import type { CheckContext } from "../context.ts";
import { composeProjectName } from "../../kernel/run-labels.ts";

/** Which files and profiles to resolve; `files: []` lets Compose find its defaults, as `docker compose up` does. */
export interface Resolution {
  readonly files?: readonly string[];
  readonly profiles?: readonly string[];
  /** Another copy of the submission (a probe rewrote a file in it). */
  readonly dir?: string;
}

/**
 * `docker compose config` of the submission under other files or profiles than the exercise
 * runs it with: how the project looks in production, without the override, with a profile off.
 * Resolving creates nothing on the engine.
 */
export function resolveProject(ctx: CheckContext, resolution: Resolution = {}): Promise<ComposeConfigOutcome> {
  const compose = ctx.exercise.compose;
  if (!compose) throw new Error(`exercise ${ctx.exercise.id} has no compose section`);
  return ctx.engine.compose.config({
    dir: resolution.dir ?? ctx.submission.root,
    files: resolution.files ?? compose.files,
    projectName: composeProjectName(ctx.runId),
    profiles: resolution.profiles ?? compose.profiles,
  });
}

/** The command a student types to see the same resolution. */
export function configCommand(resolution: { files: readonly string[]; profiles: readonly string[] }): string {
  const parts = ["docker compose", ...resolution.files.map((file) => `-f ${file}`), ...resolution.profiles.map((profile) => `--profile ${profile}`), "config"];
  return parts.join(" ");
}
