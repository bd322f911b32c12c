import { stat } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../../harness/checks/runtime/poll.ts";
import type { RunningContainer } from "../../../harness/engine/clients/container-client.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { newRunId } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import { DEFAULT_OUTPUT_CAP_BYTES } from "../../../harness/engine/limits/bounded-output.ts";
import { CAPPED_LABEL, DEFAULT_CONTAINER_LIMITS, IMPOSED_LABEL } from "../../../harness/engine/limits/container-limits.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";
import { leftovers } from "../../support/leftovers.ts";
import { startLimitedProject } from "./limited-compose-project.ts";

/**
 * The run's ceilings on the real engine: Compose services and the grader's own containers get
 * them, a student's smaller limits stay, a memory hog dies under its limit without swap, a log
 * flood stays small on disk and in what the grader reads.
 */
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const SLEEPER = `["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]`;

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

async function waitExited(container: RunningContainer, withinMs: number): Promise<void> {
  const exited = await pollUntil(async () => ((await container.state()).running ? undefined : true), {
    deadline: Date.now() + withinMs,
    intervalMs: 200,
    signal: AbortSignal.timeout(withinMs + 5000),
  });
  if (!exited) throw new Error(`container ${container.id.slice(0, 12)} still runs after ${withinMs} ms`);
}

/** A megabyte-long line written again and again, as fast as the container can. */
const FLOOD = `line=$$(head -c ${MIB} /dev/zero | tr '\\0' x); while :; do echo "$$line"; done`;
/** Three megabyte-long lines, then quiet: the engine splits each in 64 entries of 16 KiB. */
const BURST = `line=$$(head -c ${MIB} /dev/zero | tr '\\0' x); for i in 1 2 3; do echo "$$line"; done; exec sleep 300`;

describe("container ceilings on the real engine", () => {
  it("gives a Compose service with no limits every ceiling, keeps a student's smaller ones, and caps larger ones", { timeout: 120_000 }, async () => {
    const dir = await projects.create({
      "compose.yaml": `services:
  bare:
    image: busybox:1.37
    command: ${SLEEPER}
  own:
    image: busybox:1.37
    command: ${SLEEPER}
    mem_limit: 64m
    cpus: 0.5
    pids_limit: 64
    logging: { driver: json-file, options: { max-size: 1m } }
  greedy:
    image: busybox:1.37
    command: ${SLEEPER}
    deploy: { resources: { limits: { memory: 4g, cpus: "2", pids: 100000 } } }
    logging: { driver: syslog, options: { syslog-address: "udp://127.0.0.1:1" } }
`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, DEFAULT_CONTAINER_LIMITS);
      runId = project.runId;
      const [bare, own, greedy] = await Promise.all(["bare", "own", "greedy"].map((name) => project.stack.service(name).inspect()));
      expect(bare?.HostConfig).toMatchObject({
        Memory: GIB,
        MemorySwap: GIB,
        NanoCpus: 1.5e9,
        PidsLimit: 512,
        LogConfig: { Type: "json-file", Config: { "max-size": "10240k", "max-file": "1" } },
      });
      expect((bare?.Config as { StopTimeout?: number } | undefined)?.StopTimeout).toBe(3);
      expect(bare?.Config.Labels).toMatchObject({ [IMPOSED_LABEL]: "memory,cpus,pids", [CAPPED_LABEL]: "" });
      expect(own?.HostConfig).toMatchObject({
        Memory: 64 * MIB,
        MemorySwap: 64 * MIB,
        NanoCpus: 0.5e9,
        PidsLimit: 64,
        LogConfig: { Type: "json-file", Config: { "max-size": "1m" } },
      });
      expect(own?.Config.Labels).toMatchObject({ [IMPOSED_LABEL]: "", [CAPPED_LABEL]: "" });
      expect(greedy?.HostConfig).toMatchObject({ Memory: GIB, MemorySwap: GIB, NanoCpus: 1.5e9, PidsLimit: 512, LogConfig: { Type: "json-file" } });
      expect(greedy?.Config.Labels).toMatchObject({ [IMPOSED_LABEL]: "", [CAPPED_LABEL]: `memory=${4 * GIB},cpus=2,pids=100000` });
      // The kernel holds memory + swap at the memory limit: no swap at all.
      const memsw = await project.stack
        .service("own")
        .exec(["cat", "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]);
      if (memsw.exitCode === 0) expect(memsw.output.trim().split("\n")).toEqual([String(64 * MIB), String(64 * MIB)]);
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("kills a memory hog at its limit, without swap", { timeout: 120_000 }, async () => {
    const dir = await projects.create({
      // Doubles a string until the allocation fails: 64 MiB is reached within a second.
      "compose.yaml": `services:
  hog:
    image: busybox:1.37
    command: ["awk", "BEGIN { s = \\"x\\"; while (1) s = s s }"]
`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, { ...DEFAULT_CONTAINER_LIMITS, memoryBytes: 64 * MIB });
      runId = project.runId;
      const hog = project.stack.service("hog");
      await waitExited(hog, 30_000);
      const state = await hog.state();
      expect(state).toMatchObject({ running: false, oomKilled: true, exitCode: 137 });
      expect((await hog.inspect()).HostConfig).toMatchObject({ Memory: 64 * MIB, MemorySwap: 64 * MIB });
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("keeps a log flood within the cap on disk and in what the grader reads", { timeout: 120_000 }, async () => {
    const dir = await projects.create({
      "compose.yaml": `services:
  flood:
    image: busybox:1.37
    command: ["sh", "-c", ${JSON.stringify(FLOOD)}]
  burst:
    image: busybox:1.37
    command: ["sh", "-c", ${JSON.stringify(BURST)}]
`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, DEFAULT_CONTAINER_LIMITS);
      runId = project.runId;
      const flood = project.stack.service("flood");
      const { LogPath } = await flood.inspect();
      // Sampled while it floods: the file never holds more than the cap. With one file, json-file
      // rotates by unlinking the full file and creating an empty one, so a sample can fall between
      // the two: that moment is not a size, and is skipped.
      const sizes: number[] = [];
      for (let i = 0; i < 20 && sizes.length < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const size = await stat(LogPath).then(
          (stats) => stats.size,
          (error: NodeJS.ErrnoException) => {
            if (error.code === "ENOENT") return undefined;
            throw error;
          },
        );
        if (size !== undefined) sizes.push(size);
      }
      expect(sizes).toHaveLength(8);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(DEFAULT_CONTAINER_LIMITS.logMaxBytes);
      expect(Math.max(...sizes)).toBeGreaterThan(MIB);
      const started = Date.now();
      expect(Buffer.byteLength(await flood.logs({ tail: 100_000 }))).toBeLessThanOrEqual(DEFAULT_OUTPUT_CAP_BYTES + 100);
      expect(Date.now() - started).toBeLessThan(10_000);
      // 192 entries of 16 KiB, 3 MiB: the last MiB is kept, with the cut said.
      const burst = project.stack.service("burst");
      await pollUntil(async () => ((await stat((await burst.inspect()).LogPath)).size > 3 * MIB ? true : undefined), {
        deadline: Date.now() + 10_000,
        intervalMs: 200,
        signal: AbortSignal.timeout(15_000),
      });
      const logs = await burst.logs();
      expect(Buffer.byteLength(logs)).toBeLessThanOrEqual(DEFAULT_OUTPUT_CAP_BYTES + 100);
      expect(logs).toMatch(/^…\(tronqué \/ truncated: \d+ octets \/ bytes\)…\nx+\n$/);
      // The report's tail of a stopped service is cut shorter still.
      await burst.kill();
      await waitExited(burst, 10_000);
      const stopped = (await project.stack.stopped()).find((container) => container.service === "burst");
      expect(Buffer.byteLength(stopped?.logTail ?? "")).toBeLessThanOrEqual(16 * 1024 + 100);
      expect(stopped?.logTail.startsWith("…(tronqué / truncated:")).toBe(true);
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("puts the grader's own containers under the ceilings, and caps exec and one-shot output", { timeout: 120_000 }, async () => {
    const runId = newRunId();
    await using _lease = await holdRunLease(runId);
    const labels = runLabels(runId, "sandbox/limits");
    {
      await using container = await engine.containers.start({ image: "busybox:1.37", name: `dockgrade-${runId}-own`, labels, command: ["sleep", "300"] });
      const info = await container.inspect();
      expect(info.HostConfig).toMatchObject({
        Memory: GIB,
        MemorySwap: GIB,
        NanoCpus: 1.5e9,
        PidsLimit: 512,
        LogConfig: { Type: "json-file", Config: { "max-size": "10240k", "max-file": "1" } },
      });
      expect((info.Config as { StopTimeout?: number }).StopTimeout).toBe(3);
      expect(info.Config.Labels).toMatchObject({ ...labels, [IMPOSED_LABEL]: "memory,cpus,pids" });
      // 50 MB through exec: read to the end (the command exits 0), the first MiB kept.
      const exec = await container.exec(["sh", "-c", "yes | head -c 50000000"]);
      expect(exec.exitCode).toBe(0);
      expect(exec.output.startsWith("y\ny\n")).toBe(true);
      expect(exec.output.endsWith(`…(tronqué / truncated: ${50_000_000 - DEFAULT_OUTPUT_CAP_BYTES} octets / bytes)…`)).toBe(true);
    }
    // 50 MB through a one-shot: far more than the engine's log file holds, yet the first MiB comes whole.
    const once = await engine.containers.runOnce({
      image: "busybox:1.37",
      command: ["sh", "-c", "seq 1 100000000 | head -c 50000000"],
      labels,
      networkMode: "none",
      timeoutMs: 30_000,
    });
    expect(once.exitCode).toBe(0);
    expect(once.output.startsWith("1\n2\n3\n")).toBe(true);
    expect(once.output.endsWith(`…(tronqué / truncated: ${50_000_000 - DEFAULT_OUTPUT_CAP_BYTES} octets / bytes)…`)).toBe(true);
    expect(await leftovers(engine, runId)).toEqual([]);
  });
});
