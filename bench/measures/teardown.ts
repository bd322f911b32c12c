import { join } from "node:path";
import { connect } from "../../harness/engine/connect.ts";
import { loadExercise } from "../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../harness/grading/grade-submission.ts";
import { leftovers } from "../../test/support/leftovers.ts";
import { measure, type Benchmark } from "../measure.ts";

/** A container exercise and a Compose exercise: their runs' teardown phase, containers, stack, images and all. */
const EXERCISES = ["02-containers/01-graceful-stop", "06-compose/01-web-api-db"] as const;
const RUNS = 3;

/** Issue 7, figure 2: what removing a run's container or Compose stack costs (never the 10 s SIGTERM wait). */
export const teardownBenchmark: Benchmark = {
  name: "teardown",
  description: `teardown phase of grading ${EXERCISES.join(" and ")} (median of ${RUNS} warm runs)`,
  async run(log) {
    const engine = await connect();
    const figures = [];
    for (const id of EXERCISES) {
      const exercise = await loadExercise(id);
      const suite = await loadGraderSuite(id);
      const samples: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const result = await gradeSubmission({ engine, exercise, suite, submissionPath: join(exercise.dir, "solution"), lang: "en" });
        const left = await leftovers(engine, result.runId);
        if (left.length > 0) throw new Error(`${id} left ${left.join(", ")}`);
        // The first run warms the build cache and is not counted.
        if (run > 0) samples.push(result.timings.find((timing) => timing.phase === "teardown")?.durationMs ?? Number.NaN);
      }
      samples.sort((a, b) => a - b);
      log(`${id}: ${samples.map((ms) => `${ms} ms`).join(", ")}`);
      figures.push(measure(`teardown: ${id}`, samples[Math.floor(samples.length / 2)] ?? Number.NaN, "ms", { op: "<", bound: 1000 }));
    }
    return figures;
  },
};
