import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { withImageLock } from "../../../harness/images/image-lock.ts";

describe("withImageLock", () => {
  it("runs one holder at a time and tells the waiter it waits", async () => {
    const key = `test-${randomUUID()}`;
    const events: string[] = [];
    const holder = (name: string) => async () => {
      events.push(`${name} in`);
      await sleep(300);
      events.push(`${name} out`);
    };
    let waited = 0;

    await Promise.all([
      withImageLock(key, holder("a")),
      sleep(50).then(() => withImageLock(key, holder("b"), { onWait: () => waited++ })),
    ]);

    expect(events).toEqual(["a in", "a out", "b in", "b out"]);
    expect(waited).toBe(1);
  });

  it("stops waiting when the signal aborts, and frees the lock after a failure", async () => {
    const key = `test-${randomUUID()}`;
    const held = withImageLock(key, () => sleep(1_000));
    await sleep(50);

    await expect(withImageLock(key, async () => "never", { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|abort/i);
    await held;
    await expect(withImageLock(key, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(withImageLock(key, async () => "free again")).resolves.toBe("free again");
  });
});
