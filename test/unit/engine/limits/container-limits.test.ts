import { describe, expect, it } from "vitest";
import { judgeLimit } from "../../../../harness/checks/runtime/limit-judgement.ts";
import { ALL_IMPOSED, ceilingLabels, DEFAULT_CONTAINER_LIMITS, graderCeiling, limitedHostConfig } from "../../../../harness/engine/limits/container-limits.ts";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const memory = { max: 64 * MIB, tolerance: 64 * 1024 };

describe("container ceilings", () => {
  it("puts a grader-started container under every ceiling, without swap", () => {
    expect(limitedHostConfig(DEFAULT_CONTAINER_LIMITS)).toEqual({
      Memory: GIB,
      MemorySwap: GIB,
      NanoCpus: 1_500_000_000,
      PidsLimit: 512,
      LogConfig: { Type: "json-file", Config: { "max-size": "10240k", "max-file": "1" } },
    });
  });

  it("reads back from the labels which limits are the grader's", () => {
    const labels = ceilingLabels(["pids"], { memory: 2 * GIB });
    expect(graderCeiling(labels, "pids")).toEqual({ kind: "imposed" });
    expect(graderCeiling(labels, "memory")).toEqual({ kind: "capped", studentValue: 2 * GIB });
    expect(graderCeiling(labels, "cpus")).toEqual({ kind: "none" });
    expect(graderCeiling(undefined, "cpus")).toEqual({ kind: "none" });
    expect(graderCeiling(ALL_IMPOSED, "cpus")).toEqual({ kind: "imposed" });
  });
});

describe("limit judgement under the grader's ceilings", () => {
  it("an imposed ceiling the kernel enforces is no limit of the student's", () => {
    expect(judgeLimit(GIB, GIB, memory, { kind: "imposed" })).toEqual({ kind: "missing" });
    // Without the label, the same readings are a limit, too high.
    expect(judgeLimit(GIB, GIB, memory)).toEqual({ kind: "too-high", value: GIB });
  });

  it("a capped limit is judged at the value the student wrote", () => {
    expect(judgeLimit(GIB, GIB, memory, { kind: "capped", studentValue: 2 * GIB })).toEqual({ kind: "too-high", value: 2 * GIB });
    expect(judgeLimit(GIB, GIB, { max: 4 * GIB, tolerance: 0 }, { kind: "capped", studentValue: 2 * GIB })).toEqual({ kind: "within", value: 2 * GIB });
  });

  it("a tighter limit from a parent cgroup still counts under an imposed ceiling", () => {
    expect(judgeLimit(GIB, 32 * MIB, memory, { kind: "imposed" })).toEqual({ kind: "within", value: 32 * MIB });
  });

  it("a ceiling the kernel does not enforce is the machine's fault when the student set a limit, nothing when not", () => {
    expect(judgeLimit(GIB, "unlimited", memory, { kind: "capped", studentValue: 2 * GIB })).toEqual({
      kind: "not-enforced",
      configured: 2 * GIB,
      enforced: "unlimited",
    });
    expect(judgeLimit(GIB, "unlimited", memory, { kind: "imposed" })).toEqual({ kind: "missing" });
  });
});
