import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { sweepRuns } from "../../../harness/engine/sweep.ts";
import { newRunId } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import { readImage } from "../../../harness/layers/analyze-image.ts";
import { leftovers } from "../../support/leftovers.ts";

let engine: Engine;
let lease: AsyncDisposable;
const runId = newRunId();
const labels = runLabels(runId, "test/engine");
const context = await mkdtemp(join(tmpdir(), "dockgrade-build-"));

beforeAll(async () => {
  engine = await connect();
  // Objects made outside gradeSubmission: the lease keeps a concurrent grader's sweep off them.
  lease = await holdRunLease(runId);
});

afterAll(async () => {
  await lease[Symbol.asyncDispose]();
  await sweepRuns(engine, runId);
  expect(await leftovers(engine, runId)).toEqual([]);
  await rm(context, { recursive: true, force: true });
});

async function build(dockerfile: string, timeoutMs: number, signal?: AbortSignal) {
  await writeFile(join(context, "Dockerfile"), dockerfile);
  return engine.builder.build({
    contextDir: context,
    dockerfile: join(context, "Dockerfile"),
    tag: `dockgrade-run-${runId}:t`,
    labels,
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
}

describe("engine adapter on the real engine", () => {
  it("builds with BuildKit (RUN --mount) and labels the image", async () => {
    const outcome = await build("FROM busybox:1.37\nRUN --mount=type=tmpfs,target=/scratch touch /scratch/x && echo built > /built\n", 120_000);
    expect(outcome.ok, outcome.log).toBe(true);
    const image = await engine.images.inspect(`dockgrade-run-${runId}:t`);
    expect(image.config.Labels).toMatchObject(labels);
  });

  it("stops a build at its time limit and reports a time-out", async () => {
    const outcome = await build(`FROM busybox:1.37\nRUN sleep 300 # ${runId}\n`, 3_000);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.reason).toBe("timeout");
    expect(outcome.durationMs).toBeLessThan(30_000);
  });

  it("cancels a build when asked", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1_500);
    const outcome = await build(`FROM busybox:1.37\nRUN sleep 301 # ${runId}\n`, 120_000, controller.signal);
    expect(outcome.ok ? "" : outcome.reason).toBe("cancelled");
  });

  it("reports a failing RUN as a failed build with its log", async () => {
    const outcome = await build("FROM busybox:1.37\nRUN echo about-to-fail && exit 3\n", 60_000);
    expect(outcome.ok ? "" : outcome.reason).toBe("failed");
    expect(outcome.log).toContain("about-to-fail");
  });

  it("reads an image's layers from docker save, whiteouts applied", async () => {
    const outcome = await build("FROM busybox:1.37\nRUN echo a > /a && echo b > /b\nRUN rm /a\n", 120_000);
    expect(outcome.ok, outcome.log).toBe(true);
    const { layers, finalPaths: files } = await readImage(engine.images, `dockgrade-run-${runId}:t`);
    expect(layers.layers.length).toBe(3);
    expect(files.has("bin/busybox")).toBe(true);
    expect(files.has("b")).toBe(true);
    expect(files.has("a")).toBe(false);
  });

  it("starts, execs in, reads and removes a container on a labelled network", async () => {
    const network = await engine.networks.create(`dockgrade-${runId}-net`, labels);
    const container = await engine.containers.start({
      image: "busybox:1.37",
      name: `dockgrade-${runId}-c`,
      labels,
      network: network.name,
      command: ["sh", "-c", "echo hello-log; exec sleep 300"],
    });
    try {
      expect(await container.exec(["id", "-u"])).toEqual({ exitCode: 0, output: "0\n" });
      expect((await container.state()).running).toBe(true);
      expect(await container.logs()).toContain("hello-log");
    } finally {
      await container[Symbol.asyncDispose]();
      await network[Symbol.asyncDispose]();
    }
    expect(await leftovers(engine, runId)).toEqual(expect.not.arrayContaining([expect.stringMatching(/container|network/)]));
  });

  it("wakes a wait on a container when the engine reports its health and its exit, not at the wait's limit", async () => {
    const outcome = await build("FROM busybox:1.37\nHEALTHCHECK --interval=1s --timeout=5s --retries=1 CMD true\n", 120_000);
    expect(outcome.ok, outcome.log).toBe(true);
    const container = await engine.containers.start({
      image: `dockgrade-run-${runId}:t`,
      name: `dockgrade-${runId}-watched`,
      labels,
      command: ["sleep", "300"],
    });
    const controller = new AbortController();
    // Far beyond the test's own time-out: only an engine event can end these waits in time.
    const NEVER_MS = 3_600_000;
    try {
      const watch = await container.watch(controller.signal);
      while ((await container.state()).health.status !== "healthy") await watch.next(NEVER_MS);
      await container.kill();
      // The exit happened before this wait began: it still counts.
      while ((await container.inspect()).State.Running) await new Promise((resolve) => setTimeout(resolve, 50));
      await watch.next(NEVER_MS);
      expect((await container.state()).running).toBe(false);
      controller.abort(new Error("check over"));
      await expect(watch.next(NEVER_MS)).rejects.toThrow("check over");
      watch[Symbol.dispose]();
    } finally {
      controller.abort();
      await container[Symbol.asyncDispose]();
    }
  });
});
