import { join } from "node:path";
import { connect } from "../../harness/engine/connect.ts";
import { listExerciseIds, loadExercise, loadGraderSuite } from "../../harness/exercise/exercise-catalog.ts";
import { gradeSubmission } from "../../harness/grading/grade-submission.ts";
import { leftovers } from "../support/leftovers.ts";

/**
 * Warm grading time of every exercise's solution (or of the exercises named as arguments): one
 * warm-up run (builds and caches), then BENCH_RUNS measured runs. Targets: under 30 s for the
 * Dockerfile exercise of issue 2, under 60 s for every solution (issue 3); each run leaves nothing.
 */
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const TARGET_MS = 60_000;

const engine = await connect();
const ids = process.argv.length > 2 ? process.argv.slice(2) : await listExerciseIds();
let slow = 0;
console.log(`${"exercise".padEnd(34)} ${"min".padStart(7)} ${"median".padStart(7)} ${"max".padStart(7)}  (${RUNS} warm runs each)`);
for (const id of ids) {
  const exercise = await loadExercise(id);
  const suite = await loadGraderSuite(id);
  const grade = () => gradeSubmission({ engine, exercise, suite, submissionPath: join(exercise.dir, "solution"), lang: "en" });
  await grade();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await grade();
    if (result.score !== result.maxScore) throw new Error(`${id}: the solution scored ${result.score}/${result.maxScore}`);
    const left = await leftovers(engine, result.runId);
    if (left.length > 0) throw new Error(`${id}: left behind: ${left.join(", ")}`);
    samples.push(result.durationMs);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] as number;
  if (median >= TARGET_MS) slow++;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(7);
  console.log(`${id.padEnd(34)} ${s(samples[0] as number)} ${s(median)} ${s(samples.at(-1) as number)}${median >= TARGET_MS ? "  SLOW" : ""}`);
}
console.log(slow === 0 ? `OK: every median under ${TARGET_MS / 1000} s` : `${slow} exercise(s) over ${TARGET_MS / 1000} s`);
process.exit(slow === 0 ? 0 : 1);
