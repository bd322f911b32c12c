import { parseArgs } from "node:util";
import { connect } from "../engine/connect.ts";
import { listExerciseIds, loadExercise } from "../exercise/exercise-catalog.ts";
import { ensureBaseImages } from "../images/ensure-base-images.ts";
import { EXIT } from "./exit-codes.ts";

/** `npm run images [-- --exercise ID]`: makes every base image available before a class grades. */
export async function imagesCommand(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { exercise: { type: "string" } }, strict: true });
  const ids = values.exercise ? [values.exercise] : await listExerciseIds();
  const refs = new Set<string>();
  for (const id of ids) for (const ref of (await loadExercise(id)).baseImages) refs.add(ref);
  const engine = await connect();
  const reports = await ensureBaseImages(engine, [...refs], {
    signal,
    onProgress: (message) => process.stderr.write(`dockgrade: ${message}\n`),
  });
  for (const report of reports) {
    process.stdout.write(`${report.ref.padEnd(24)} ${report.obtained.padEnd(14)} ${(report.durationMs / 1000).toFixed(1)} s\n`);
  }
  return EXIT.allPassed;
}
