import { execFile } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { connect } from "../../harness/engine/connect.ts";
import { loadExercise } from "../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../harness/grading/grade-submission.ts";
import { PROJECT_ROOT } from "../../harness/exercise/project-paths.ts";
import { measure, type Benchmark } from "../measure.ts";

const run = promisify(execFile);
const EXERCISE = "05-build/01-multi-stage";
const ROUNDS = 5;

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Issue 7, figure 1: grading the exercise's solution against bench/baseline/05-build.sh, which does the
 * same engine work with the docker CLI, alternating so both see the same engine and cache state.
 */
export const overheadBenchmark: Benchmark = {
  name: "overhead",
  description: `grading ${EXERCISE}'s solution vs. a shell script doing the same engine work (median of ${ROUNDS}, alternating)`,
  async run(log) {
    const engine = await connect();
    const exercise = await loadExercise(EXERCISE);
    const suite = await loadGraderSuite(EXERCISE);
    const submissionPath = join(exercise.dir, "solution");
    const grader: number[] = [];
    const script: number[] = [];
    // One round of each first, uncounted: the build cache and base images are then warm for both.
    for (let round = 0; round <= ROUNDS; round += 1) {
      let started = performance.now();
      const result = await gradeSubmission({ engine, exercise, suite, submissionPath, lang: "en" });
      if (result.score !== result.maxScore) throw new Error(`the solution scored ${result.score}/${result.maxScore}`);
      const graderMs = performance.now() - started;
      started = performance.now();
      await run("bash", [join(PROJECT_ROOT, "bench", "baseline", "05-build.sh"), submissionPath]);
      const scriptMs = performance.now() - started;
      if (round === 0) continue;
      grader.push(graderMs);
      script.push(scriptMs);
      log(`round ${round}: grader ${(graderMs / 1000).toFixed(2)} s, script ${(scriptMs / 1000).toFixed(2)} s`);
    }
    return [
      measure("overhead: grading the solution", median(grader) / 1000, "s"),
      measure("overhead: the same engine work in a shell script", median(script) / 1000, "s"),
      measure("overhead: ratio grader / script", median(grader) / median(script), "x", { op: "<=", bound: 1.05 }),
    ];
  },
};
