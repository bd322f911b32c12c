import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { withMachineLock } from "../../../harness/locks/machine-lock.ts";

describe("withMachineLock", () => {
  it("runs one holder at a time and tells the waiter it waits", async () => {
    const key = `test-${randomUUID()}`;
    const events: string[] = [];
    const holder = (name: string) => async () => {
      events.push(`${name} in`);
      await sleep(300);
      events.push(`${name} out`);
    };
    let waited = 0;

    await Promise.all([withMachineLock(key, holder("a")), sleep(50).then(() => withMachineLock(key, holder("b"), { onWait: () => waited++ }))]);

    expect(events).toEqual(["a in", "a out", "b in", "b out"]);
    expect(waited).toBe(1);
  });

  it("stops waiting when the signal aborts, and frees the lock after a failure", async () => {
    const key = `test-${randomUUID()}`;
    const held = withMachineLock(key, () => sleep(1_000));
    await sleep(50);

    await expect(withMachineLock(key, async () => "never", { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|abort/i);
    await held;
    await expect(withMachineLock(key, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(withMachineLock(key, async () => "free again")).resolves.toBe("free again");
  });
});
