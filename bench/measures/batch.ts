import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { connect } from "../../harness/engine/connect.ts";
import { defaultConcurrency } from "../../harness/batch/run-batch.ts";
import { EXERCISES_ROOT, GRADERS_ROOT, PROJECT_ROOT } from "../../harness/exercise/project-paths.ts";
import { measure, type Benchmark } from "../measure.ts";

const EXERCISE = "05-build/01-multi-stage";
/** Five different works, as a class hands in: the solution, the starter and three known-bad variants. */
const WORKS = ["solution", "starter", "no-user", "shell-form", "no-healthcheck"] as const;

/** `count` submissions, the five works in turn, each in its own folder. */
function classOf(count: number, root: string): string {
  const dir = join(root, `class-${count}`);
  const solution = join(EXERCISES_ROOT, EXERCISE, "solution");
  for (let index = 0; index < count; index += 1) {
    const work = WORKS[index % WORKS.length] as (typeof WORKS)[number];
    const student = join(dir, `student-${String(index).padStart(2, "0")}`);
    if (work === "starter") cpSync(join(EXERCISES_ROOT, EXERCISE, "starter"), student, { recursive: true });
    else cpSync(solution, student, { recursive: true });
    if (work !== "solution" && work !== "starter")
      cpSync(join(GRADERS_ROOT, EXERCISE, "corpus", work), student, { recursive: true, filter: (source) => !source.endsWith("variant.yaml") });
  }
  return dir;
}

interface BatchRun {
  readonly seconds: number;
  /** The grader process's resident memory at its highest (VmHWM), in MiB. */
  readonly peakMiB: number;
}

/** The processes below `pid`, its children first. */
function descendants(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The highest resident memory so far of the grader under `pid` (npm's own process is not the grader's). */
function graderHighWaterKiB(pid: number): number {
  let highest = 0;
  for (const member of [pid, ...descendants(pid)]) {
    if (!readFileSync(`/proc/${member}/cmdline`, "utf8").includes("harness/cli/run.mjs")) continue;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, "utf8"))?.[1];
    if (hwm !== undefined) highest = Math.max(highest, Number(hwm));
  }
  return highest;
}

/** Runs `npm run grade:batch` as a user does and watches the grader's memory high-water mark until it exits. */
function runBatch(source: string, out: string, concurrency: number): Promise<BatchRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["run", "--silent", "grade:batch", "--", "--exercise", EXERCISE, "--out", out, "--concurrency", String(concurrency), source], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let peakKiB = 0;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const watch = setInterval(() => {
      try {
        if (child.pid !== undefined) peakKiB = Math.max(peakKiB, graderHighWaterKiB(child.pid));
      } catch {
        // A process has just exited between two reads: the last reading stands.
      }
    }, 100);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(watch);
      if (code !== 0) reject(new Error(`npm run grade:batch exited ${code}: ${stderr}`));
      else if (peakKiB === 0) reject(new Error("the grader process under npm was never seen: is grade:batch still harness/cli/run.mjs?"));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peakKiB / 1024 });
    });
  });
}

/** Issue 7, figures 3 and 5: batch throughput at concurrency 1 and at the default; peak memory over 50 submissions. */
export const batchBenchmark: Benchmark = {
  name: "batch",
  description: `grade:batch of ${EXERCISE}: 20 submissions at concurrency 1 and at the default; peak memory over 50`,
  async run(log) {
    const concurrency = defaultConcurrency(await (await connect()).info());
    const root = mkdtempSync(join(tmpdir(), "dockgrade-bench-"));
    try {
      const twenty = classOf(20, root);
      // Warm the build cache for the five works, as the second of two batches of a class would be.
      await runBatch(classOf(5, root), join(root, "warm"), concurrency);
      const serial = await runBatch(twenty, join(root, "out-1"), 1);
      log(`20 submissions, concurrency 1: ${serial.seconds.toFixed(1)} s`);
      const parallel = await runBatch(twenty, join(root, "out-default"), concurrency);
      log(`20 submissions, concurrency ${concurrency} (default): ${parallel.seconds.toFixed(1)} s`);
      const fifty = await runBatch(classOf(50, root), join(root, "out-50"), concurrency);
      log(`50 submissions, concurrency ${concurrency}: ${fifty.seconds.toFixed(1)} s, peak ${fifty.peakMiB.toFixed(0)} MiB`);
      return [
        measure("batch: 20 submissions, concurrency 1", serial.seconds, "s"),
        measure(`batch: 20 submissions, concurrency ${concurrency} (default)`, parallel.seconds, "s"),
        measure("batch: speed-up of the default concurrency", serial.seconds / parallel.seconds, "x", { op: ">=", bound: 1.7 }),
        measure("batch: peak memory of the grader, 50 submissions", fifty.peakMiB, "MiB", { op: "<", bound: 150 }),
      ];
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
