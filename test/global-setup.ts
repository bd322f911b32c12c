import { connect } from "../harness/engine/connect.ts";
import { RUN_LABEL } from "../harness/engine/labels.ts";
import { sweepRuns } from "../harness/engine/sweep.ts";
import { listExerciseIds, loadExercise } from "../harness/exercise/exercise-catalog.ts";
import { ensureBaseImages } from "../harness/images/ensure-base-images.ts";

/**
 * Once per test run: the engine must answer (tests run against the real one), and every
 * exercise's base images are made ready up front so that no test races another to build them.
 * Afterwards, anything still carrying a run label is a leak: it is removed, and the run fails.
 */
export async function setup(): Promise<void> {
  const engine = await connect();
  const refs = new Set<string>();
  for (const id of await listExerciseIds()) for (const ref of (await loadExercise(id)).baseImages) refs.add(ref);
  await ensureBaseImages(engine.images, [...refs], { onProgress: (message) => process.stderr.write(`base images: ${message}\n`) });
}

export async function teardown(): Promise<void> {
  const engine = await connect();
  const left = await sweepRuns(engine);
  const total = left.containers + left.networks + left.volumes + left.images;
  if (total > 0) {
    throw new Error(`Objects labelled ${RUN_LABEL} were left on the engine after the tests: ${JSON.stringify(left)}`);
  }
}
