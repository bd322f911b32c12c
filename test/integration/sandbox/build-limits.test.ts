import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, rmdir, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { RUN_LABEL, runLabels } from "../../../harness/kernel/run-labels.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { leasedRunId } from "../../support/leased-run.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { BUILD_PIDS_MAX, detectBuildSandbox } from "../../../harness/engine/build/build-cgroup-support.ts";
import { buildCgroupName } from "../../../harness/engine/build/build-cgroup.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * Hostile builds of the multi-stage exercise, graded end to end: each fails the build check with
 * its own message, in bounded time, stops in BuildKit (no RUN process survives the grading), and
 * leaves nothing on the engine nor in the cgroup file system.
 */
const EXERCISE_ID = "05-build/01-multi-stage";
const copies: string[] = [];
let engine: Engine;
let exercise: Exercise;
let sandboxed: boolean;
beforeAll(async () => {
  engine = await connect();
  exercise = await loadExercise(EXERCISE_ID);
  sandboxed = (await detectBuildSandbox(engine.endpoint.host)).available;
});
afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

async function submission(dockerfile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-hostile-build-"));
  copies.push(dir);
  await cp(join(exercise.dir, "solution"), dir, { recursive: true });
  await writeFile(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

async function grade(dir: string, timeoutSeconds = exercise.build?.timeoutSeconds ?? 300): Promise<GradeResult> {
  const limited = { ...exercise, build: { ...(exercise.build as NonNullable<Exercise["build"]>), timeoutSeconds } };
  const result = await gradeSubmission({ engine, exercise: limited, suite: await loadGraderSuite(EXERCISE_ID), submissionPath: dir, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  expect(await buildCgroups()).toEqual([]);
  return result;
}

function buildCheck(result: GradeResult) {
  const check = result.checks.find((candidate) => candidate.id === "build");
  if (!check) throw new Error("no build check in the result");
  return check;
}

/** The engine's build cgroup, if it is still in the pids hierarchy (v1) or the unified tree (v2): it must not outlive a build. */
async function buildCgroups(): Promise<string[]> {
  const name = buildCgroupName(engine.endpoint.host);
  const roots = ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"];
  return roots.filter((root) => existsSync(join(root, name))).map(() => name);
}

async function processesRunning(marker: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)("ps", ["-eo", "args="]);
  return stdout.split("\n").filter((line) => line.includes(marker) && !line.includes("ps -eo"));
}

describe("build limits", () => {
  it("a build that never ends is stopped at its limit, in BuildKit too, and the next build is not blocked", { timeout: 120_000 }, async () => {
    const dir = await submission('FROM busybox:1.37 AS quick\nCMD ["true"]\nFROM quick\nRUN echo started; sleep 6017\n');
    const started = Date.now();
    const result = await grade(dir, 5);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(buildCheck(result)).toMatchObject({ status: "failed", message: "The build takes longer than 5 s." });
    expect(await processesRunning("sleep 6017")).toEqual([]);
    const runId = await leasedRunId();
    const tag = `dockgrade-run-${runId}:latest`;
    const next = await engine.builder.build({
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag,
      labels: runLabels(runId, EXERCISE_ID),
      target: "quick",
      timeoutMs: 60_000,
    });
    await engine.images.remove(tag, { force: true }).catch(() => undefined);
    expect(next.ok, next.log).toBe(true);
  });

  it("a build cancelled mid-step stops in BuildKit at once", { timeout: 120_000 }, async () => {
    const dir = await submission("FROM busybox:1.37\nRUN echo started; sleep 6041\n");
    const runId = await leasedRunId();
    const controller = new AbortController();
    const building = engine.builder.build({
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag: `dockgrade-run-${runId}:latest`,
      labels: runLabels(runId, EXERCISE_ID),
      timeoutMs: 300_000,
      signal: controller.signal,
    });
    for (let waited = 0; (await processesRunning("sleep 6041")).length === 0; waited += 200) {
      if (waited > 60_000) throw new Error("the RUN step never started");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cancelled = Date.now();
    controller.abort();
    expect(await building).toMatchObject({ ok: false, reason: "cancelled" });
    expect(Date.now() - cancelled).toBeLessThan(10_000);
    expect(await processesRunning("sleep 6041")).toEqual([]);
    expect(await leftovers(engine, runId)).toEqual([]);
    expect(await buildCgroups()).toEqual([]);
  });

  it("a context holding a 10 GiB (sparse) file is refused before anything is sent, naming the file", { timeout: 120_000 }, async () => {
    const dir = await submission('FROM busybox:1.37\nCOPY . /ctx\nCMD ["true"]\n');
    await writeFile(join(dir, "disk.img"), "");
    await truncate(join(dir, "disk.img"), 10 * 1024 ** 3);
    const started = Date.now();
    const check = buildCheck(await grade(dir));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(check.status).toBe("failed");
    expect(check.message).toContain("The build context is over the limit of 100 MiB");
    expect(check.message).toContain("disk.img (≥ 10 GiB)");
    expect(check.message).toContain(".dockerignore");
  });

  it("a context of more files than the cap is refused without counting them all", { timeout: 120_000 }, async () => {
    // The submission loader refuses a folder this big first; the builder's own cap is shown here.
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-many-files-"));
    copies.push(dir);
    await writeFile(join(dir, "Dockerfile"), "FROM busybox:1.37\nCOPY . /ctx\n");
    await mkdir(join(dir, "node_modules"));
    for (let batch = 0; batch < 21; batch++) {
      await Promise.all(Array.from({ length: 1000 }, (_, index) => writeFile(join(dir, "node_modules", `m${batch}-${index}.js`), "")));
    }
    const runId = await leasedRunId();
    const outcome = await engine.builder.build({
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag: `dockgrade-run-${runId}:latest`,
      labels: runLabels(runId, EXERCISE_ID),
      timeoutMs: 60_000,
    });
    expect(outcome).toMatchObject({ ok: false, reason: "context-too-large", context: { over: "entries", countedEntries: 20_001 } });
    expect(outcome.log).toContain("node_modules/ (≥ 20,000 entries)");
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("RUN --network=host and --security=insecure are refused by BuildKit: the grader grants no entitlement", { timeout: 120_000 }, async () => {
    const network = buildCheck(await grade(await submission('FROM busybox:1.37\nRUN --network=host ip addr\nCMD ["true"]\n')));
    expect(network.status).toBe("failed");
    expect(network.details).toContain("network.host is not allowed");
    const insecure = buildCheck(await grade(await submission('FROM busybox:1.37\nRUN --security=insecure true\nCMD ["true"]\n')));
    expect(insecure.status).toBe("failed");
    expect(insecure.details).toMatch(/unknown flag: security|security.insecure is not allowed/);
  });
});

describe("the build cgroup", () => {
  it("keeps BuildKit's cache: the same Dockerfile built twice runs its RUN steps once", { timeout: 120_000 }, async () => {
    const runId = await leasedRunId();
    const dir = await submission(`FROM busybox:1.37\nRUN echo cached-${runId} > /marker\n`);
    const build = () =>
      engine.builder.build({
        contextDir: dir,
        dockerfile: join(dir, "Dockerfile"),
        tag: `dockgrade-run-${runId}:latest`,
        labels: runLabels(runId, EXERCISE_ID),
        timeoutMs: 60_000,
      });
    try {
      const first = await build();
      const second = await build();
      expect(first.ok && second.ok, second.log).toBe(true);
      // The RUN step, once built, comes from the cache: the cgroup parent is part of its cache key.
      const cachedRun = new RegExp(`RUN echo cached-${runId}[^\\n]*\\n#\\d+ CACHED`);
      expect(first.log).not.toMatch(cachedRun);
      expect(second.log).toMatch(cachedRun);
    } finally {
      await engine.images.remove(`dockgrade-run-${runId}:latest`, { force: true }).catch(() => undefined);
    }
  });

  it("holds a fork bomb under its pids ceiling; the machine stays responsive and the grading ends", { timeout: 180_000 }, async (context) => {
    if (!sandboxed) context.skip("no build sandbox on this machine (see `npm run doctor`)");
    const dir = await submission('FROM busybox:1.37\nRUN bomb() { bomb | bomb & }; bomb; sleep 6029\nCMD ["true"]\n');
    let peak = 0;
    let slowestSpawnMs = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const name of await buildCgroups()) {
          const current = await readFile(join("/sys/fs/cgroup/pids", name, "pids.current"), "utf8").catch(() => "0");
          peak = Math.max(peak, Number(current));
        }
        const spawned = Date.now();
        await promisify(execFile)("true");
        slowestSpawnMs = Math.max(slowestSpawnMs, Date.now() - spawned);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const started = Date.now();
    const result = await grade(dir, 20).finally(() => {
      watching = false;
    });
    await watcher;
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(buildCheck(result).status).toBe("failed");
    expect(peak).toBeGreaterThan(BUILD_PIDS_MAX / 2);
    expect(peak).toBeLessThanOrEqual(BUILD_PIDS_MAX);
    expect(slowestSpawnMs).toBeLessThan(5_000);
    expect(await processesRunning("sleep 6029")).toEqual([]);
  });

  it("left behind by a grader killed mid-build, is emptied and removed by the next build", { timeout: 120_000 }, async (context) => {
    const support = await detectBuildSandbox(engine.endpoint.host);
    if (!support.available || support.cgroupVersion !== "1") context.skip("needs the v1 build sandbox (see `npm run doctor`)");
    const gone = spawn("true");
    await new Promise((resolve) => gone.on("exit", resolve));
    const orphan = join("/sys/fs/cgroup/pids", `dockgrade-build-${gone.pid}-0badc0de`);
    await mkdir(join(orphan, "buildkit", "step"), { recursive: true });
    // A RUN step the dead grader's build left running.
    const step = spawn("sleep", ["6067"], { stdio: "ignore" });
    const exited = new Promise((resolve) => step.on("exit", (_, signal) => resolve(signal)));
    await writeFile(join(orphan, "buildkit", "step", "cgroup.procs"), String(step.pid));
    const runId = await leasedRunId();
    const tag = `dockgrade-run-${runId}:latest`;
    const dir = await submission("FROM busybox:1.37\nRUN true\n");
    try {
      const built = await engine.builder.build({
        contextDir: dir,
        dockerfile: join(dir, "Dockerfile"),
        tag,
        labels: runLabels(runId, EXERCISE_ID),
        timeoutMs: 60_000,
      });
      await engine.images.remove(tag, { force: true }).catch(() => undefined);
      expect(built.ok, built.log).toBe(true);
      expect(await exited).toBe("SIGKILL");
      expect(existsSync(orphan)).toBe(false);
    } finally {
      step.kill("SIGKILL");
      for (const leftover of [join(orphan, "buildkit", "step"), join(orphan, "buildkit"), orphan]) await rmdir(leftover).catch(() => undefined);
    }
  });

  it("kills a RUN step that fills 3 GiB of memory (it succeeds without the cgroup)", { timeout: 120_000 }, async (context) => {
    if (!sandboxed) context.skip("no build sandbox on this machine (see `npm run doctor`)");
    const dir = await submission(
      'FROM busybox:1.37\nRUN --mount=type=tmpfs,target=/hog dd if=/dev/zero of=/hog/fill bs=1M count=3072 && echo $((1 + 1))-filled\nCMD ["true"]\n',
    );
    const check = buildCheck(await grade(dir));
    expect(check.status).toBe("failed");
    expect(check.message).toBe("The build fails.");
    expect(check.details).toContain("exit code: 137");
    expect(check.details).not.toContain("2-filled");
  });
});

describe("Compose builds", () => {
  const projects = new ProjectDirs();
  afterAll(() => projects.cleanUp());

  function project(runId: string, dockerfile: string): Promise<string> {
    const compose = `services:\n  app:\n    build:\n      context: ./app\n      labels:\n        ${RUN_LABEL}: "${runId}"\n`;
    return projects.create({ "compose.yaml": compose, "app/Dockerfile": dockerfile });
  }

  it("run their RUN steps under the build cgroup, tagged as Compose would tag them", { timeout: 120_000 }, async (context) => {
    if (!sandboxed) context.skip("no build sandbox on this machine (see `npm run doctor`)");
    const runId = await leasedRunId();
    const dir = await project(runId, "FROM busybox:1.37\nRUN grep dockgrade-build- /proc/self/cgroup\n");
    const spec = { dir, files: ["compose.yaml"], projectName: `dockgrade-${runId}`, profiles: [] };
    const outcome = await engine.compose.build(spec, { timeoutMs: 60_000 });
    await engine.images.remove(`dockgrade-${runId}-app`, { force: true }).catch(() => undefined);
    expect(outcome.ok, outcome.log).toBe(true);
    expect(outcome.log).toContain(`naming to docker.io/library/dockgrade-${runId}-app`);
    expect(await leftovers(engine, runId)).toEqual([]);
    expect(await buildCgroups()).toEqual([]);
  });

  it("refuse a service context over the cap, naming the service", { timeout: 60_000 }, async () => {
    const runId = await leasedRunId();
    const dir = await project(runId, "FROM busybox:1.37\nCOPY . /ctx\n");
    await writeFile(join(dir, "app", "dump.sql"), "");
    await truncate(join(dir, "app", "dump.sql"), 200 * 1024 ** 2);
    const outcome = await engine.compose.build({ dir, files: ["compose.yaml"], projectName: `dockgrade-${runId}`, profiles: [] }, { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({ ok: false, reason: "context-too-large", context: { over: "bytes" } });
    expect(outcome.log).toContain("=== app");
    expect(outcome.log).toContain("dump.sql (≥ 200 MiB)");
    expect(await leftovers(engine, runId)).toEqual([]);
  });
});
