import type { Engine } from "../engine/engine.ts";
import type { ContainedRun, ScriptSpec } from "../engine/script/script-client.ts";
import { ensureScriptRunnerImage } from "../images/script-runner-image.ts";

/** A student's script to run in the scripts' sandbox, on `engine`, in the script-runner image. */
export interface ContainedScript extends Omit<ScriptSpec, "image"> {
  readonly engine: Engine;
}

/**
 * Runs a student's script (a backup, restore or shipping script) in the engine's script container
 * (harness/engine/script/script-client.ts), never on the grader's machine. The image it runs in,
 * busybox and this machine's docker CLI, is made here on first use: the engine runs the container,
 * the base images room knows what goes into the image.
 */
export async function runContainedScript(request: ContainedScript): Promise<ContainedRun> {
  if (request.signal.aborted) return { exitCode: null, timedOut: false, cancelled: true, output: "", durationMs: 0 };
  const { engine, ...spec } = request;
  const image = await ensureScriptRunnerImage(engine.images, { signal: request.signal });
  return engine.scripts.run({ ...spec, image });
}
