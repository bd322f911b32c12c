import { describe, expect, it } from "vitest";
import { judgeStartOrder, micros, type HealthProbe } from "../../../harness/checks/compose/start-order.ts";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + seconds * 1000).toISOString().replace("Z", "123Z");
const probe = (end: number, exitCode: number): HealthProbe => ({ start: at(end - 0.1), end: at(end), exitCode });

describe("start order from engine timestamps", () => {
  it("reads nanosecond timestamps without losing their order", () => {
    expect(micros("2026-11-23T00:45:31.132767479Z") - micros("2026-11-23T00:45:31.132766999Z")).toBe(1);
    expect(micros("2026-11-23T01:45:31+01:00")).toBe(micros("2026-11-23T00:45:31Z"));
    expect(() => micros("yesterday")).toThrow();
  });

  it("passes a dependent started after the first successful probe", () => {
    const order = judgeStartOrder({
      dependentStartedAt: at(4.6),
      dependentRestarts: 0,
      dependencyStartedAt: at(0),
      healthLog: [probe(2, 1), probe(4.1, 0), probe(6, 0)],
      firstProbeDelayMs: 2000,
    });
    expect(order).toMatchObject({ order: "after-healthy", healthyAt: at(4.1), marginMs: 500 });
  });

  it("fails a dependent started before, and says by how much", () => {
    const order = judgeStartOrder({
      dependentStartedAt: at(0.3),
      dependentRestarts: 0,
      dependencyStartedAt: at(0),
      healthLog: [probe(2, 1), probe(4, 0)],
      firstProbeDelayMs: 2000,
    });
    expect(order).toEqual({ order: "before-healthy", firstHealthyAt: at(4), earlyByMs: 3700 });
  });

  it("counts a restart as a failed first start, whatever the timestamps", () => {
    expect(
      judgeStartOrder({ dependentStartedAt: at(9), dependentRestarts: 2, dependencyStartedAt: at(0), healthLog: [probe(4, 0)], firstProbeDelayMs: 2000 }),
    ).toEqual({ order: "restarted", restarts: 2 });
  });

  it("fails when the dependency has no healthcheck to wait for", () => {
    expect(
      judgeStartOrder({ dependentStartedAt: at(9), dependentRestarts: 0, dependencyStartedAt: at(0), healthLog: undefined, firstProbeDelayMs: 0 }).order,
    ).toBe("no-healthcheck");
  });

  it("does not blame the student when the log may have dropped the probes that matter", () => {
    const full = [probe(20, 0), probe(22, 0), probe(24, 0), probe(26, 0), probe(28, 0)];
    expect(
      judgeStartOrder({ dependentStartedAt: at(5), dependentRestarts: 0, dependencyStartedAt: at(0), healthLog: full, firstProbeDelayMs: 2000 }).order,
    ).toBe("unknown");
    // ...unless it started before any probe could have run.
    expect(
      judgeStartOrder({ dependentStartedAt: at(0.5), dependentRestarts: 0, dependencyStartedAt: at(0), healthLog: full, firstProbeDelayMs: 2000 }).order,
    ).toBe("before-healthy");
  });
});
