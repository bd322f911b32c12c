import { describe, expect, it } from "vitest";
import { describeBuildSandbox, detectBuildSandbox } from "../../../../harness/engine/build/build-cgroup-support.ts";

describe("detectBuildSandbox", () => {
  it("is off for an engine on another machine, without asking it anything", async () => {
    const support = await detectBuildSandbox("tcp://192.0.2.1:2375");
    expect(support).toEqual({ available: false, reason: "the engine is reached at tcp://192.0.2.1:2375: its cgroups are not on this machine" });
  });

  it("is off for a socket no dockerd of this machine serves", async () => {
    const support = await detectBuildSandbox("unix:///tmp/dockgrade-no-such.sock");
    expect(support.available).toBe(false);
    if (!support.available && process.getuid?.() === 0) expect(support.reason).toContain("no dockerd process on this machine serves the engine's socket");
  });
});

describe("describeBuildSandbox", () => {
  it("says the ceilings, or why there are none", () => {
    expect(describeBuildSandbox({ available: true, cgroupVersion: "1", pidsMount: "/p", memoryMount: "/m", mounts: [] })).toBe(
      "cgroup pids≤512 mem≤2GiB (cgroup v1)",
    );
    expect(describeBuildSandbox({ available: false, reason: "the engine uses the systemd cgroup driver" })).toBe(
      "off (the engine uses the systemd cgroup driver)",
    );
  });
});
