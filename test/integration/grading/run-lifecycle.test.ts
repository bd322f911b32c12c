import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { HOST_LABEL, RUN_LABEL, runLabels } from "../../../harness/kernel/run-labels.ts";
import { KEPT_IMAGE_PREFIX, sweepDeadRuns, sweepRuns } from "../../../harness/engine/sweep.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission, newRunId } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease, isRunAlive } from "../../../harness/grading/run-lease.ts";
import { PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";
import { listVariants, materialiseVariant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";
import { runCli } from "../../support/run-cli.ts";

const EXERCISE_ID = "05-build/01-multi-stage";
const dirs: string[] = [];
let engine: Engine;
let unhealthy: string;
let solution: string;

beforeAll(async () => {
  engine = await connect();
  const exercise = await loadExercise(EXERCISE_ID);
  solution = join(exercise.dir, "solution");
  // The unhealthy variant keeps the healthcheck check waiting: a run that is surely mid-way.
  const variant = (await listVariants(EXERCISE_ID)).find((candidate) => candidate.name === "unhealthy");
  if (!variant) throw new Error("the unhealthy variant is missing from the corpus");
  unhealthy = await materialiseVariant(solution, variant);
  dirs.push(unhealthy);
});

afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The grader CLI as its own process (not through a shell), so a signal reaches it and only it. */
function startCli(args: readonly string[]): { child: ChildProcess; exit: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ["harness/cli/run.mjs", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, INIT_CWD: PROJECT_ROOT, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return { child, exit, output: () => output };
}

/** The run a grader process is doing, found by the PID its lease file records. */
async function runOfProcess(pid: number): Promise<string> {
  const leases = join(tmpdir(), "dockgrade-runs");
  for (let waited = 0; waited < 60_000; waited += 200) {
    for (const name of await readdir(leases).catch(() => [] as string[])) {
      if (name.endsWith(".lock")) continue;
      const owner = await readFile(join(leases, name), "utf8").catch(() => "");
      if (owner.trim() === String(pid)) return name;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`process ${pid} never started a run`);
}

async function containerOfRun(runId: string): Promise<void> {
  for (let waited = 0; (await engine.containers.listByLabel(RUN_LABEL, runId)).length === 0; waited += 200) {
    if (waited > 90_000) throw new Error(`run ${runId} never started its container`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a run's life on the engine", () => {
  it("past its time budget, the running check fails with that reason, the rest are not evaluated, nothing is left", { timeout: 120_000 }, async () => {
    const exercise = await loadExercise(EXERCISE_ID);
    const started = Date.now();
    const result = await gradeSubmission({
      engine,
      exercise,
      suite: await loadGraderSuite(EXERCISE_ID),
      submissionPath: unhealthy,
      lang: "en",
      budgetSeconds: 12,
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    const halted = result.checks.filter((check) => check.message.includes("The time allowed to grade this submission (12 s) ran out"));
    expect(halted.length).toBeGreaterThan(0);
    expect(halted[0]?.status).toBe("failed");
    expect(halted.slice(1).every((check) => check.status === "skipped" && check.message.startsWith("Not evaluated:"))).toBe(true);
    expect(result.failure).toBeUndefined();
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("SIGTERM mid-run: the CLI cleans up what the run made and exits 130", { timeout: 120_000 }, async () => {
    const cli = startCli(["grade", unhealthy]);
    const runId = await runOfProcess(cli.child.pid as number);
    await containerOfRun(runId);
    cli.child.kill("SIGTERM");
    expect(await cli.exit, cli.output()).toBe(130);
    expect(await leftovers(engine, runId)).toEqual([]);
    expect(await isRunAlive(runId)).toBe(false);
  });

  it("a run killed outright is swept by the next clean; a live run and another machine's run are not", { timeout: 120_000 }, async () => {
    const liveRun = newRunId();
    const lease = await holdRunLease(liveRun);
    const otherHostRun = newRunId();
    try {
      const live = await engine.networks.create(`dockgrade-${liveRun}-live`, runLabels(liveRun, "test/lifecycle"));
      const remote = await engine.networks.create(`dockgrade-${otherHostRun}-remote`, {
        ...runLabels(otherHostRun, "test/lifecycle"),
        [HOST_LABEL]: "another-machine",
      });
      const cli = startCli(["grade", unhealthy]);
      const killedRun = await runOfProcess(cli.child.pid as number);
      await containerOfRun(killedRun);
      cli.child.kill("SIGKILL");
      await cli.exit;
      expect(await leftovers(engine, killedRun)).not.toEqual([]);
      // The killed process stops refreshing its lease; 10 s later the run counts as dead.
      for (let waited = 0; await isRunAlive(killedRun); waited += 500) {
        if (waited > 30_000) throw new Error("the killed run's lease never went stale");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const clean = await runCli(["clean"]);
      expect(clean.exitCode, clean.stderr).toBe(0);
      expect(clean.stdout).toMatch(/dead grading run/);
      expect(clean.stdout).toContain(otherHostRun);
      expect(await leftovers(engine, killedRun)).toEqual([]);
      expect((await engine.networks.listByLabel(RUN_LABEL, liveRun)).map((network) => network.id)).toEqual([live.id]);
      expect((await engine.networks.listByLabel(RUN_LABEL, otherHostRun)).map((network) => network.id)).toEqual([remote.id]);
    } finally {
      await lease[Symbol.asyncDispose]();
      await sweepRuns(engine, liveRun);
      await sweepRuns(engine, otherHostRun);
    }
  });

  it("--keep keeps the built image under dockgrade-kept/, and clean --kept removes it", { timeout: 120_000 }, async () => {
    const graded = await runCli(["grade", "--json", "--keep", solution]);
    expect(graded.exitCode, graded.stderr).toBe(0);
    const { runId } = JSON.parse(graded.stdout) as { runId: string };
    const kept = `${KEPT_IMAGE_PREFIX}05-build-01-multi-stage:${runId}`;
    expect(graded.stderr).toContain(`kept image ${kept}`);
    expect(await engine.images.exists(kept)).toBe(true);
    const swept = await sweepDeadRuns(engine, isRunAlive);
    expect(await engine.images.exists(kept), "an ordinary clean leaves kept images").toBe(true);
    expect(swept.runs).not.toContain(runId);
    const clean = await runCli(["clean", "--kept"]);
    expect(clean.exitCode, clean.stderr).toBe(0);
    expect(await engine.images.exists(kept)).toBe(false);
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("two graders at once on one engine both finish with full marks and leave nothing", { timeout: 180_000 }, async () => {
    const [first, second] = await Promise.all([runCli(["grade", "--json", solution]), runCli(["grade", "--json", solution])]);
    for (const run of [first, second]) {
      expect(run?.exitCode, run?.stderr).toBe(0);
      const result = JSON.parse(run?.stdout ?? "{}") as { runId: string; score: number; maxScore: number };
      expect(result.score).toBe(result.maxScore);
      expect(await leftovers(engine, result.runId)).toEqual([]);
    }
  });
});
