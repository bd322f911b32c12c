import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildCache } from "../../../harness/engine/build/build-cache.ts";
import { BUILD_DISK_LIMITS, type BuildDiskLimits } from "../../../harness/engine/build/build-disk-limits.ts";
import { BuildxImageBuilder } from "../../../harness/engine/clients/buildx-builder.ts";
import { ComposeImageBuilder } from "../../../harness/engine/clients/compose-builder.ts";
import type { BuildOutcome } from "../../../harness/engine/clients/image-builder.ts";
import { connect } from "../../../harness/engine/connect.ts";
import { dockerodeOptions } from "../../../harness/engine/dockerode-options.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { leasedRunId } from "../../support/leased-run.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * A build's disk is bounded: past the build-disk limit the build is cancelled while its step still
 * writes, an image over the image limit is removed before anyone reads it, and a build that went
 * over a limit or was cancelled leaves none of its build cache, while the cache that was there
 * before (the user's own) stays. Small limits keep each case to seconds.
 */
const SMALL: BuildDiskLimits = { ...BUILD_DISK_LIMITS, buildBytes: 300 * 1024 ** 2 };
const dirs: string[] = [];
let engine: Engine;
let docker: Docker;
let cache: BuildCache;

beforeAll(async () => {
  engine = await connect();
  docker = new Docker(dockerodeOptions(engine.endpoint.host));
  cache = new BuildCache(docker);
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-build-disk-"));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  return dir;
}

/** The cache records whose step names `marker`: each case's RUN steps carry one of their own. */
async function records(marker: string) {
  return (await cache.records()).filter((record) => record.description.includes(marker));
}

async function processesRunning(marker: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)("ps", ["-eo", "args="]);
  return stdout.split("\n").filter((line) => line.includes(marker) && !line.includes("ps -eo"));
}

async function build(builder: BuildxImageBuilder, dir: string, runId: string, signal?: AbortSignal): Promise<BuildOutcome> {
  return builder.build({
    contextDir: dir,
    dockerfile: join(dir, "Dockerfile"),
    tag: `dockgrade-run-${runId}:latest`,
    labels: runLabels(runId, "05-build/01-multi-stage"),
    timeoutMs: 120_000,
    ...(signal ? { signal } : {}),
  });
}

describe("a build's disk", () => {
  it("is cancelled past the build-disk limit while its step writes, names the step and its line, and leaves no cache but the user's", {
    timeout: 180_000,
  }, async () => {
    const runId = await leasedRunId();
    const builder = new BuildxImageBuilder(engine.endpoint.host, docker, SMALL);
    // The user's own cache, there before: it must survive the clean-up.
    const mine = await folder({ Dockerfile: `FROM busybox:1.37\nRUN echo users-own-${runId} > /kept\n` });
    expect((await build(builder, mine, runId)).ok).toBe(true);
    await engine.images.remove(`dockgrade-run-${runId}:latest`, { force: true });
    const users = await records(`users-own-${runId}`);
    expect(users).toHaveLength(1);

    const marker = `fill-${runId}`;
    const dir = await folder({ Dockerfile: `FROM busybox:1.37\nRUN echo ${marker}; head -c 3000000000 /dev/zero > /big; sleep 6079\nCMD ["true"]\n` });
    const started = Date.now();
    const outcome = await build(builder, dir, runId);
    const seconds = (Date.now() - started) / 1000;
    expect(outcome, outcome.log).toMatchObject({ ok: false, reason: "over-disk-limit", overrun: { over: "build", limitBytes: SMALL.buildBytes, line: 2 } });
    if (outcome.ok || outcome.reason !== "over-disk-limit") return;
    expect(outcome.overrun.reachedBytes).toBeGreaterThan(SMALL.buildBytes);
    expect(outcome.overrun.step).toContain(marker);
    expect(seconds).toBeLessThan(60);
    expect(await processesRunning("sleep 6079")).toEqual([]);
    expect(await records(marker)).toEqual([]);
    expect((await records(`users-own-${runId}`)).map((record) => record.id)).toEqual(users.map((record) => record.id));
    expect(await leftovers(engine, runId)).toEqual([]);
    for (const record of users) await cache.prune(record.id);
  });

  it("an image over the image limit is removed before anyone reads it, and so is its cache", { timeout: 120_000 }, async () => {
    const runId = await leasedRunId();
    const builder = new BuildxImageBuilder(engine.endpoint.host, docker, { ...BUILD_DISK_LIMITS, imageBytes: 8 * 1024 ** 2 });
    const marker = `image-${runId}`;
    const dir = await folder({ Dockerfile: `FROM busybox:1.37\nRUN echo ${marker}; head -c 20000000 /dev/urandom > /payload\n` });
    const outcome = await build(builder, dir, runId);
    expect(outcome, outcome.log).toMatchObject({ ok: false, reason: "over-disk-limit", overrun: { over: "image", limitBytes: 8 * 1024 ** 2 } });
    await expect(engine.images.inspect(`dockgrade-run-${runId}:latest`)).rejects.toThrow();
    expect(await records(marker)).toEqual([]);
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("a build cancelled mid-step stops in BuildKit and leaves none of its cache", { timeout: 120_000 }, async () => {
    const runId = await leasedRunId();
    const builder = new BuildxImageBuilder(engine.endpoint.host, docker, SMALL);
    const marker = `cancel-${runId}`;
    const dir = await folder({ Dockerfile: `FROM busybox:1.37\nRUN echo ${marker} > /a\nRUN echo ${marker}; sleep 6089\n` });
    const controller = new AbortController();
    const building = build(builder, dir, runId, controller.signal);
    for (let waited = 0; (await processesRunning("sleep 6089")).length === 0; waited += 200) {
      if (waited > 60_000) throw new Error("the RUN step never started");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    controller.abort();
    expect(await building).toMatchObject({ ok: false, reason: "cancelled" });
    expect(await processesRunning("sleep 6089")).toEqual([]);
    // The first step had finished: its record is this build's too.
    expect(await records(marker)).toEqual([]);
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("a Compose service's build is bounded too", { timeout: 180_000 }, async () => {
    const runId = await leasedRunId();
    const marker = `compose-${runId}`;
    const dir = await folder({
      "compose.yaml": "services:\n  app:\n    build: .\n",
      Dockerfile: `FROM busybox:1.37\nRUN echo ${marker}; head -c 3000000000 /dev/zero > /big\n`,
    });
    const builder = new ComposeImageBuilder(engine.endpoint.host, docker, (spec) => engine.compose.config(spec), SMALL);
    const outcome = await builder.build({ dir, files: ["compose.yaml"], projectName: `dockgrade-${runId}`, profiles: [] }, { timeoutMs: 120_000 });
    expect(outcome, outcome.log).toMatchObject({ ok: false, reason: "over-disk-limit", overrun: { over: "build", line: 2 } });
    expect(outcome.log).toContain("=== app");
    await expect(engine.images.inspect(`dockgrade-${runId}-app`)).rejects.toThrow();
    expect(await records(marker)).toEqual([]);
  });
});
