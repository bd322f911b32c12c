import { describe, expect, it } from "vitest";
import { parseCgroupReadings } from "../../../harness/checks/runtime/cgroup-limits.ts";
import { judgeLimit } from "../../../harness/checks/runtime/limit-judgement.ts";

describe("cgroup readings", () => {
  it("reads cgroup v1 limits (this machine's CI)", () => {
    const output = [
      "version=1",
      "memory/memory.limit_in_bytes=67108864",
      "cpu/cpu.cfs_quota_us=50000",
      "cpu/cpu.cfs_period_us=100000",
      "pids/pids.max=64",
    ].join("\n");
    expect(parseCgroupReadings(output)).toEqual({ version: 1, memoryBytes: 67108864, cpus: 0.5, pids: 64 });
  });

  it("reads cgroup v1 without limits: the huge page-aligned counter, quota -1, max", () => {
    const output = [
      "version=1",
      "memory/memory.limit_in_bytes=9223372036854771712",
      "cpu/cpu.cfs_quota_us=-1",
      "cpu/cpu.cfs_period_us=100000",
      "pids/pids.max=max",
    ].join("\n");
    expect(parseCgroupReadings(output)).toEqual({ version: 1, memoryBytes: "unlimited", cpus: "unlimited", pids: "unlimited" });
  });

  it("reads cgroup v2 limits and their absence (students' machines)", () => {
    expect(parseCgroupReadings("version=2\nmemory.max=67108864\ncpu.max=50000 100000\npids.max=64\n")).toEqual({
      version: 2,
      memoryBytes: 67108864,
      cpus: 0.5,
      pids: 64,
    });
    expect(parseCgroupReadings("version=2\nmemory.max=max\ncpu.max=max 100000\npids.max=max\n")).toEqual({
      version: 2,
      memoryBytes: "unlimited",
      cpus: "unlimited",
      pids: "unlimited",
    });
  });

  it("says which controller it could not read, and refuses output without a version", () => {
    expect(parseCgroupReadings("version=2\nmemory.max=1048576\n")).toEqual({ version: 2, memoryBytes: 1048576, cpus: "unreadable", pids: "unreadable" });
    expect(parseCgroupReadings("version=1\ncpu/cpu.cfs_quota_us=20000\n").cpus).toBe("unreadable");
    expect(() => parseCgroupReadings("sh: cat: not found")).toThrow(/cgroup version/);
  });
});

describe("limit judgement", () => {
  const rule = { max: 64 * 1024 * 1024, tolerance: 64 * 1024 };

  it("passes a limit the engine holds and the kernel enforces, within the maximum", () => {
    expect(judgeLimit(32 * 1024 * 1024, 32 * 1024 * 1024, rule)).toEqual({ kind: "within", value: 32 * 1024 * 1024 });
    // The kernel rounds down to whole pages.
    expect(judgeLimit(50_000_001, 49_999_872, rule).kind).toBe("within");
  });

  it("tells a missing limit from one set too high", () => {
    expect(judgeLimit(undefined, "unlimited", rule)).toEqual({ kind: "missing" });
    expect(judgeLimit(512 * 1024 * 1024, 512 * 1024 * 1024, rule)).toEqual({ kind: "too-high", value: 512 * 1024 * 1024 });
  });

  it("counts a limit only the kernel knows (a parent cgroup), and flags one the kernel ignores", () => {
    expect(judgeLimit(undefined, 16 * 1024 * 1024, rule).kind).toBe("within");
    expect(judgeLimit(32 * 1024 * 1024, "unlimited", rule)).toEqual({ kind: "not-enforced", configured: 32 * 1024 * 1024, enforced: "unlimited" });
    expect(judgeLimit(64, "unreadable", { max: 64, tolerance: 0 }).kind).toBe("not-enforced");
  });
});
