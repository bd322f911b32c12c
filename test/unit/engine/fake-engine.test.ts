import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../harness/checks/context.ts";
import { memoryLimitCheck } from "../../../harness/checks/runtime/limit-checks.ts";
import { capabilitiesCheck } from "../../../harness/checks/runtime/privilege-checks.ts";
import type { RuntimeTarget } from "../../../harness/checks/runtime/target.ts";
import { text } from "../../../harness/kernel/text.ts";
import { fakeEngine, NotSupportedByFakeEngineError, runningInspection, type FakeEngine } from "../../support/fake-engine.ts";

/** Reading checks run on canned engine answers: no Docker needed. */

const MIB = 1024 * 1024;

function contextOn(engine: FakeEngine): CheckContext {
  return { runId: "fake", exercise: { id: "00-test/00-fake" }, engine, signal: AbortSignal.timeout(5_000) } as unknown as CheckContext;
}

function targetOn(engine: FakeEngine, id: string): RuntimeTarget {
  return { label: text("le conteneur", "the container"), needs: [], resolve: async () => engine.container(id) };
}

describe("the fake engine", () => {
  it("passes a memory limit the engine holds and the cgroup enforces", async () => {
    const engine = fakeEngine({
      containers: {
        app: {
          inspection: runningInspection("app", { HostConfig: { Memory: 32 * MIB } }),
          exec: () => ({ exitCode: 0, output: `version=2\nmemory.max=${32 * MIB}\ncpu.max=max 100000\npids.max=max\n` }),
        },
      },
    });
    const verdict = await memoryLimitCheck({ target: targetOn(engine, "app"), maxBytes: 64 * MIB }).run(contextOn(engine));
    expect(verdict.outcome).toBe("passed");
  });

  it("fails a container without a memory limit", async () => {
    const engine = fakeEngine({
      containers: {
        app: {
          inspection: runningInspection("app"),
          exec: () => ({ exitCode: 0, output: "version=2\nmemory.max=max\ncpu.max=max 100000\npids.max=max\n" }),
        },
      },
    });
    const verdict = await memoryLimitCheck({ target: targetOn(engine, "app"), maxBytes: 64 * MIB }).run(contextOn(engine));
    expect(verdict).toMatchObject({ outcome: "failed", actual: "(none)" });
  });

  it("decodes the capabilities a probe reads from /proc/1/status", async () => {
    const status = (capEff: string) => ({ exitCode: 0, output: `Name:\tapp\nCapPrm:\t${capEff}\nCapEff:\t${capEff}\nCapBnd:\t${capEff}\nNoNewPrivs:\t1\n` });
    const dropped = fakeEngine({
      containers: { app: { inspection: runningInspection("app", { HostConfig: { CapDrop: ["ALL"] } }) } },
      runOnce: (spec) => (spec.pidMode === "container:app" ? status("0000000000000000") : undefined),
    });
    expect((await capabilitiesCheck({ target: targetOn(dropped, "app"), allowed: [] }).run(contextOn(dropped))).outcome).toBe("passed");
    // Docker's default set: CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, MKNOD, AUDIT_WRITE, SETFCAP.
    const defaults = fakeEngine({ containers: { app: { inspection: runningInspection("app") } }, runOnce: () => status("00000000a80425fb") });
    const verdict = await capabilitiesCheck({ target: targetOn(defaults, "app"), allowed: [] }).run(contextOn(defaults));
    expect(verdict.outcome).toBe("failed");
  });

  it("says plainly what it does not do", async () => {
    const engine = fakeEngine();
    expect(() => engine.compose.up({ dir: "/", files: [], projectName: "p", profiles: [] }, { startupTimeoutMs: 1 })).toThrow(NotSupportedByFakeEngineError);
    await expect(engine.container("nowhere").inspect()).rejects.toThrow(/not supported by the fake engine/);
  });
});
