import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ComposeModel, ComposeService } from "../../../harness/engine/compose-model.ts";
import { DEFAULT_CONTAINER_LIMITS } from "../../../harness/engine/limits/container-limits.ts";
import { limitsOverride } from "../../../harness/sandbox/limits-override.ts";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** One service, as `docker compose config --format json` resolves it, through the override and back. */
function override(service: Record<string, unknown>): Record<string, unknown> {
  const model: ComposeModel = { name: "p", services: { app: { image: "busybox:1.37", ...service } as ComposeService } };
  const parsed = parse(limitsOverride(model, DEFAULT_CONTAINER_LIMITS)) as { services: Record<string, Record<string, unknown>> };
  return parsed.services["app"] as Record<string, unknown>;
}

const CEILING_LOGS = { driver: "json-file", options: { "max-size": "10240k", "max-file": "1" } };

describe("limits override for Compose services", () => {
  it("gives a service with no limits every ceiling, in both spellings Compose knows, and says they are the grader's", () => {
    expect(override({})).toEqual({
      mem_limit: GIB,
      memswap_limit: GIB,
      cpus: 1.5,
      pids_limit: 512,
      logging: CEILING_LOGS,
      stop_grace_period: "3s",
      deploy: { resources: { limits: { memory: String(GIB), cpus: 1.5, pids: 512 } } },
      labels: { "dockgrade.imposed": "memory,cpus,pids", "dockgrade.capped": "" },
    });
  });

  it("keeps the student's own limits at or below the ceiling, in both spellings, and still turns swap off", () => {
    const kept = override({
      mem_limit: String(64 * MIB),
      cpus: 0.5,
      pids_limit: 64,
      stop_grace_period: "2s",
      logging: { driver: "json-file", options: { "max-size": "5m", "max-file": "2" } },
    });
    expect(kept).toEqual({
      mem_limit: 64 * MIB,
      memswap_limit: 64 * MIB,
      cpus: 0.5,
      pids_limit: 64,
      // Compose refuses `mem_limit` next to a `deploy` limits block without the same memory.
      deploy: { resources: { limits: { memory: String(64 * MIB), cpus: 0.5, pids: 64 } } },
      labels: { "dockgrade.imposed": "", "dockgrade.capped": "" },
    });
  });

  it("reads the deploy spelling as the student's too", () => {
    const kept = override({ deploy: { resources: { limits: { memory: String(32 * MIB), cpus: 0.25, pids: 20 } } } });
    expect(kept).toMatchObject({ mem_limit: 32 * MIB, memswap_limit: 32 * MIB, cpus: 0.25, pids_limit: 20 });
    expect(kept["labels"]).toEqual({ "dockgrade.imposed": "", "dockgrade.capped": "" });
  });

  it("caps a limit above the ceiling and keeps the student's value in a label for the checks", () => {
    const capped = override({ mem_limit: String(4 * GIB), cpus: 4, pids_limit: 100_000, stop_grace_period: "1m" });
    expect(capped).toMatchObject({ mem_limit: GIB, memswap_limit: GIB, cpus: 1.5, pids_limit: 512, stop_grace_period: "3s" });
    expect(capped["labels"]).toEqual({ "dockgrade.imposed": "", "dockgrade.capped": `memory=${4 * GIB},cpus=4,pids=100000` });
  });

  it("counts 0 and -1 as no limit, as the engine does", () => {
    expect(override({ pids_limit: -1, mem_limit: "0" })["labels"]).toEqual({ "dockgrade.imposed": "memory,cpus,pids", "dockgrade.capped": "" });
  });

  it("caps the quota spelling of CPU as a quota: the engine refuses cpus next to cpu_period", () => {
    const none = override({ cpu_period: 50_000 });
    expect(none).toMatchObject({ cpu_quota: 75_000, deploy: { resources: { limits: { memory: String(GIB), pids: 512 } } } });
    expect(none["cpus"]).toBeUndefined();
    expect(override({ cpu_quota: 400_000, cpu_period: 100_000 })).toMatchObject({ cpu_quota: 150_000, labels: { "dockgrade.capped": "cpus=4" } });
    expect(override({ cpu_quota: 50_000 })).toMatchObject({ cpu_quota: 50_000, labels: { "dockgrade.imposed": "memory,pids" } });
  });

  it("lowers a memory reservation that the lowered limit would leave above it", () => {
    expect(override({ mem_reservation: String(2 * GIB) })).toMatchObject({
      mem_reservation: GIB,
      deploy: { resources: { reservations: { memory: String(GIB) } } },
    });
    expect(override({ mem_reservation: String(100 * MIB) })["mem_reservation"]).toBeUndefined();
  });

  it("replaces a logging driver that writes elsewhere or keeps too much, and keeps `none`", () => {
    expect(override({ logging: { driver: "syslog", options: { "syslog-address": "udp://192.0.2.1:514" } } })["logging"]).toEqual(CEILING_LOGS);
    expect(override({ logging: { driver: "json-file" } })["logging"]).toEqual(CEILING_LOGS);
    expect(override({ logging: { driver: "json-file", options: { "max-size": "8m", "max-file": "3" } } })["logging"]).toEqual(CEILING_LOGS);
    // local keeps five files unless told: 5 × 5m is over the ceiling.
    expect(override({ logging: { driver: "local", options: { "max-size": "5m" } } })["logging"]).toEqual({ ...CEILING_LOGS, driver: "local" });
    expect(override({ logging: { driver: "none" } })["logging"]).toBeUndefined();
  });

  it("writes the same label keys over a student's attempt to claim the grader's ceiling", () => {
    expect(override({ mem_limit: String(64 * MIB), labels: { "dockgrade.imposed": "memory" } })["labels"]).toEqual({
      "dockgrade.imposed": "cpus,pids",
      "dockgrade.capped": "",
    });
  });
});
