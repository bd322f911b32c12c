import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../../../harness/checks/runtime/poll.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { Text } from "../../../harness/kernel/text.ts";
import { DEFAULT_CONTAINER_LIMITS } from "../../../harness/engine/limits/container-limits.ts";
import { DEFAULT_DISK_LIMITS } from "../../../harness/sandbox/disk-breach.ts";
import { startDiskWatchdog } from "../../../harness/sandbox/disk-watchdog.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";
import { leftovers } from "../../support/leftovers.ts";
import { startLimitedProject } from "./limited-compose-project.ts";

/**
 * The disk watchdog against real fillers: 10 MiB every 0.2 s (50 MiB/s, so the test stays quick and
 * the disk safe) into the container's own layer, then into an anonymous volume, which carries no
 * label and is found through the container that mounts it. The limits are small for the test.
 */
const MIB = 1024 * 1024;
const limits = { ...DEFAULT_DISK_LIMITS, containerWritableBytes: 50 * MIB, volumeBytes: 50 * MIB, intervalMs: 1000 };
const fill = (folder: string) => `i=0; while :; do dd if=/dev/zero of=${folder}/f$$i bs=1M count=10 2>/dev/null; i=$$((i+1)); sleep 0.2; done`;
const QUIET = `["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]`;

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

/** Runs the watchdog over a project until it reports a breach, or gives up after `withinMs`. */
async function watchUntilBreach(runId: string, withinMs: number): Promise<{ reason: Text | undefined; afterMs: number; breaches: number }> {
  let breaches = 0;
  let reason: Text | undefined;
  const started = Date.now();
  {
    const onBreach = (why: Text) => {
      reason = why;
      breaches++;
    };
    await using _watchdog = startDiskWatchdog({ engine, runId, limits, onBreach });
    await pollUntil(async () => reason, { deadline: started + withinMs, intervalMs: 200, signal: AbortSignal.timeout(withinMs + 5000) });
    // Looks that would come after a breach: none must call again.
    await new Promise((resolve) => setTimeout(resolve, 2 * limits.intervalMs));
  }
  return { reason, afterMs: Date.now() - started, breaches };
}

describe("disk watchdog on the real engine", () => {
  it("kills a container filling its own layer, once, and its restart policy does not bring it back", { timeout: 120_000 }, async () => {
    const dir = await projects.create({
      "compose.yaml": `services:
  filler:
    image: busybox:1.37
    command: ["sh", "-c", ${JSON.stringify(fill(""))}]
    restart: always
  calm:
    image: busybox:1.37
    command: ${QUIET}
`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, DEFAULT_CONTAINER_LIMITS);
      runId = project.runId;
      const { reason, afterMs, breaches } = await watchUntilBreach(runId, 30_000);
      expect(reason?.en).toMatch(/^Container "dockgrade-\w+-filler-1" wrote \d+ MiB to its file system \(limit: 50 MiB\): the grader stopped it\./);
      expect(reason?.fr).toContain("limite : 50 MiB");
      expect(breaches).toBe(1);
      expect(afterMs).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect((await project.stack.service("filler").state()).running).toBe(false);
      expect((await project.stack.service("calm").state()).running).toBe(true);
      const [usage] = (await engine.containers.diskUsage("com.docker.compose.project", `dockgrade-${runId}`)).filter((container) =>
        container.name.endsWith("filler-1"),
      );
      // Stopped within a few looks of the limit: 50 MiB/s for at most a couple of seconds past it.
      expect(usage?.writableBytes).toBeLessThan(250 * MIB);
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("kills the containers filling a volume, anonymous ones included", { timeout: 120_000 }, async () => {
    const dir = await projects.create({
      "compose.yaml": `services:
  filler:
    image: busybox:1.37
    command: ["sh", "-c", ${JSON.stringify(fill("/scratch"))}]
    volumes: [/scratch]
`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, DEFAULT_CONTAINER_LIMITS);
      runId = project.runId;
      const { reason, afterMs } = await watchUntilBreach(runId, 30_000);
      expect(reason?.en).toMatch(
        /^Volume "[0-9a-f]{64}" holds \d+ MiB \(limit: 50 MiB\): the grader stopped the containers using it \(dockgrade-\w+-filler-1\)\./,
      );
      expect(afterMs).toBeLessThan(20_000);
      expect((await project.stack.service("filler").state()).running).toBe(false);
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });

  it("stays quiet while nothing goes over, and stops looking at once when disposed", { timeout: 60_000 }, async () => {
    const dir = await projects.create({
      "compose.yaml": `services:\n  calm:\n    image: busybox:1.37\n    command: ${QUIET}\n    volumes: [data:/data]\nvolumes:\n  data: {}\n`,
    });
    let runId = "";
    {
      await using project = await startLimitedProject(engine, dir, DEFAULT_CONTAINER_LIMITS);
      runId = project.runId;
      let breaches = 0;
      const watchdog = startDiskWatchdog({ engine, runId, limits, onBreach: () => breaches++ });
      await new Promise((resolve) => setTimeout(resolve, 3 * limits.intervalMs));
      const disposing = Date.now();
      await watchdog[Symbol.asyncDispose]();
      expect(Date.now() - disposing).toBeLessThan(limits.intervalMs);
      expect(breaches).toBe(0);
      expect((await project.stack.service("calm").state()).running).toBe(true);
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });
});
