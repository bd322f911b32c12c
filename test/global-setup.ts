import { connect } from "../harness/engine/connect.ts";
import { RUN_LABEL } from "../harness/kernel/run-labels.ts";
import { listExerciseIds, loadExercise } from "../harness/exercise/exercise-catalog.ts";
import { ensureBaseImages } from "../harness/images/ensure-base-images.ts";
import { leftovers } from "./support/leftovers.ts";

let before = new Set<string>();

/**
 * Once per test run: the engine must answer (tests run against the real one), and every
 * exercise's base images are made ready up front so that no test races another to build them.
 */
export async function setup(): Promise<void> {
  const engine = await connect();
  const refs = new Set<string>();
  for (const id of await listExerciseIds()) for (const ref of (await loadExercise(id)).baseImages) refs.add(ref);
  await ensureBaseImages(engine, [...refs], { onProgress: (message) => process.stderr.write(`base images: ${message}\n`) });
  before = new Set(await leftovers(engine));
}

/**
 * Anything carrying a run label that appeared during the tests and is still there is a leak, and
 * fails the run. It is listed, not removed: it may belong to a grading that another process is
 * running on the same engine (`npm run clean` removes leftovers deliberately).
 */
export async function teardown(): Promise<void> {
  const engine = await connect();
  const leaked = (await leftovers(engine)).filter((object) => !before.has(object));
  if (leaked.length > 0) {
    throw new Error(`Objects labelled ${RUN_LABEL} were left on the engine by the tests:\n${leaked.join("\n")}`);
  }
}
