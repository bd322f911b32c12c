import { describe, expect, it } from "vitest";
import type { ContainerDiskUsage } from "../../../harness/engine/clients/container-client.ts";
import { DEFAULT_DISK_LIMITS, findDiskBreach, formatBytes } from "../../../harness/sandbox/disk-breach.ts";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const limits = { ...DEFAULT_DISK_LIMITS, containerWritableBytes: 50 * MIB, volumeBytes: 100 * MIB };

const container = (name: string, writableBytes: number, extra: Partial<ContainerDiskUsage> = {}): ContainerDiskUsage => ({
  id: `id-${name}`,
  name,
  running: true,
  writableBytes,
  volumes: [],
  ...extra,
});

describe("disk breaches", () => {
  it("finds none while everything is within its limit", () => {
    expect(findDiskBreach({ containers: [container("app", 10 * MIB)], volumes: new Map([["data", 5 * MIB]]), freeBytes: 10 * GIB }, limits)).toBeUndefined();
  });

  it("names the container that filled its layer, and kills every running one over the limit", () => {
    const breach = findDiskBreach(
      {
        containers: [container("small", MIB), container("filler", 80 * MIB), container("other", 60 * MIB), container("dead", 70 * MIB, { running: false })],
        volumes: new Map(),
      },
      limits,
    );
    expect(breach?.offenders).toEqual(["id-filler", "id-other"]);
    expect(breach?.reason.en).toBe(
      'Container "filler" wrote 80 MiB to its file system (limit: 50 MiB): the grader stopped it. Look for a loop that writes without end (a log file, a growing temporary file); data belongs in a volume.',
    );
    expect(breach?.reason.fr).toContain("« filler » a écrit 80 MiB");
  });

  it("stops the running containers that use a volume over its limit", () => {
    const users = [container("writer", MIB, { volumes: ["data"] }), container("reader", MIB, { volumes: ["data"], running: false }), container("web", MIB)];
    const breach = findDiskBreach({ containers: users, volumes: new Map([["data", 2 * GIB]]) }, limits);
    expect(breach?.offenders).toEqual(["id-writer"]);
    expect(breach?.reason.en).toBe(
      'Volume "data" holds 2.0 GiB (limit: 100 MiB): the grader stopped the containers using it (writer). Look for a loop that writes without end.',
    );
  });

  it("stops the run's running containers when the engine's disk runs low, and only when it can be read", () => {
    const containers = [container("a", MIB), container("b", MIB, { running: false })];
    expect(findDiskBreach({ containers, volumes: new Map(), freeBytes: GIB }, limits)?.offenders).toEqual(["id-a"]);
    expect(findDiskBreach({ containers, volumes: new Map() }, limits)).toBeUndefined();
  });

  it("says sizes in MiB, and in GiB from one GiB", () => {
    expect(formatBytes(50 * MIB)).toBe("50 MiB");
    expect(formatBytes(1536 * MIB)).toBe("1.5 GiB");
  });
});
