import { join } from "node:path";
import { connect } from "../../harness/engine/connect.ts";
import { listExerciseIds, loadExercise } from "../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../harness/grading/grade-submission.ts";
import { leftovers } from "../../test/support/leftovers.ts";
import { measure, type Benchmark } from "../measure.ts";

const RUNS = 3;

/** Warm grading time of every exercise's solution (median of 3 after a warm-up); each must earn full marks and leave nothing. */
export const solutionsBenchmark: Benchmark = {
  name: "solutions",
  description: `warm grading time of every exercise's solution (median of ${RUNS}), only when named`,
  onlyWhenNamed: true,
  async run(log) {
    const engine = await connect();
    const figures = [];
    for (const id of await listExerciseIds()) {
      const exercise = await loadExercise(id);
      const suite = await loadGraderSuite(id);
      const samples: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const result = await gradeSubmission({ engine, exercise, suite, submissionPath: join(exercise.dir, "solution"), lang: "en" });
        if (result.score !== result.maxScore) throw new Error(`${id}: the solution scored ${result.score}/${result.maxScore}`);
        const left = await leftovers(engine, result.runId);
        if (left.length > 0) throw new Error(`${id}: left behind: ${left.join(", ")}`);
        if (run > 0) samples.push(result.durationMs);
      }
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
      log(`${id}: ${samples.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`);
      figures.push(measure(`solution: ${id}`, median / 1000, "s", { op: "<", bound: 60 }));
    }
    return figures;
  },
};
