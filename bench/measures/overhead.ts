import { execFile } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { connect } from "../../harness/engine/connect.ts";
import type { Engine } from "../../harness/engine/engine.ts";
import { loadExercise } from "../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../harness/grading/grader-catalog.ts";
import { gradeSubmission, newRunId } from "../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../harness/grading/run-lease.ts";
import { PROJECT_ROOT } from "../../harness/exercise/project-paths.ts";
import { measure, type Benchmark, type Measure } from "../measure.ts";

const run = promisify(execFile);
const ROUNDS = 5;

/** Each exercise beside the script in bench/baseline/ that does the same engine work with the docker CLI. */
const EXERCISES = [
  { id: "05-build/01-multi-stage", script: "05-build.sh" },
  { id: "06-compose/01-web-api-db", script: "06-compose.sh" },
] as const;

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Issue 7, figure 1, and issue 14 for Compose: grading each exercise's solution against its baseline
 * script, alternating so both see the same engine and cache state.
 */
export const overheadBenchmark: Benchmark = {
  name: "overhead",
  description: `grading ${EXERCISES.map((exercise) => exercise.id).join(" and ")}'s solutions vs. shell scripts doing the same engine work (median of ${ROUNDS}, alternating)`,
  async run(log) {
    const engine = await connect();
    const measures: Measure[] = [];
    for (const exercise of EXERCISES) measures.push(...(await overheadOf(engine, exercise, log)));
    return measures;
  },
};

async function overheadOf(engine: Engine, { id, script }: (typeof EXERCISES)[number], log: (line: string) => void): Promise<Measure[]> {
  const exercise = await loadExercise(id);
  const suite = await loadGraderSuite(id);
  const submissionPath = join(exercise.dir, "solution");
  const grader: number[] = [];
  const baseline: number[] = [];
  // One round of each first, uncounted: the build cache and base images are then warm for both.
  for (let round = 0; round <= ROUNDS; round += 1) {
    let started = performance.now();
    const result = await gradeSubmission({ engine, exercise, suite, submissionPath, lang: "en" });
    if (result.score !== result.maxScore) throw new Error(`${id}: the solution scored ${result.score}/${result.maxScore}`);
    const graderMs = performance.now() - started;
    // The script labels its objects as a run's, under a lease as a run holds: a grader started meanwhile sweeps only dead runs.
    const runId = newRunId();
    started = performance.now();
    {
      await using _lease = await holdRunLease(runId);
      await run("bash", [join(PROJECT_ROOT, "bench", "baseline", script), submissionPath, runId]);
    }
    const scriptMs = performance.now() - started;
    if (round === 0) continue;
    grader.push(graderMs);
    baseline.push(scriptMs);
    log(`${id} round ${round}: grader ${(graderMs / 1000).toFixed(2)} s, script ${(scriptMs / 1000).toFixed(2)} s`);
  }
  return [
    measure(`overhead ${id}: grading the solution`, median(grader) / 1000, "s"),
    measure(`overhead ${id}: the same engine work in a shell script`, median(baseline) / 1000, "s"),
    measure(`overhead ${id}: ratio grader / script`, median(grader) / median(baseline), "x", { op: "<=", bound: 1.05 }),
  ];
}
