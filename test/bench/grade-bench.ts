import { join } from "node:path";
import { connect } from "../../harness/engine/connect.ts";
import { loadExercise, loadGraderSuite } from "../../harness/exercise/exercise-catalog.ts";
import { gradeSubmission } from "../../harness/grading/grade-submission.ts";
import { leftovers } from "../support/leftovers.ts";

/**
 * Warm grading time of each exercise's solution: one warm-up run (builds and caches), then RUNS
 * measured runs. The target (issue 2) is under 30 s warm per solution, with nothing left behind.
 */
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const TARGET_MS = 30_000;

const engine = await connect();
const exerciseId = process.argv[2] ?? "05-build/01-multi-stage";
const exercise = await loadExercise(exerciseId);
const suite = await loadGraderSuite(exerciseId);
const grade = () => gradeSubmission({ engine, exercise, suite, submissionPath: join(exercise.dir, "solution"), lang: "en" });

await grade();
const samples: number[] = [];
let phases: Record<string, number> = {};
for (let run = 0; run < RUNS; run++) {
  const result = await grade();
  if (result.score !== result.maxScore) throw new Error(`the solution scored ${result.score}/${result.maxScore}`);
  const left = await leftovers(engine, result.runId);
  if (left.length > 0) throw new Error(`left behind: ${left.join(", ")}`);
  samples.push(result.durationMs);
  phases = Object.fromEntries(result.timings.map((timing) => [timing.phase, timing.durationMs]));
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)] as number;
const line = (label: string, ms: number) => `${label.padEnd(26)} ${(ms / 1000).toFixed(2)} s`;
console.log(`${exerciseId}: solution graded warm ${RUNS} times`);
console.log(line("min", samples[0] as number));
console.log(line("median", median));
console.log(line("max", samples[samples.length - 1] as number));
for (const [phase, ms] of Object.entries(phases)) console.log(line(`  last run: ${phase}`, ms));
console.log(median < TARGET_MS ? `OK: median under ${TARGET_MS / 1000} s` : `SLOW: median over ${TARGET_MS / 1000} s`);
process.exit(median < TARGET_MS ? 0 : 1);
