import { describe, expect, it } from "vitest";
import { LookaheadQueue } from "../../support/lookahead-queue.ts";

function deferredJobs() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const job = (key: string) =>
    new Promise<string>((resolve, reject) => {
      started.push(key);
      running += 1;
      peak = Math.max(peak, running);
      finish.set(key, () => {
        running -= 1;
        if (key.startsWith("bad")) reject(new Error(`${key} failed`));
        else resolve(`${key} done`);
      });
    });
  return { started, finish, job, peak: () => peak };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("LookaheadQueue", () => {
  it("starts the job taken and the next ones, never more at once than its concurrency", async () => {
    const jobs = deferredJobs();
    const queue = new LookaheadQueue(["a", "b", "c", "d"], jobs.job, 2);
    const a = queue.take("a");
    await tick();
    expect(jobs.started).toEqual(["a", "b"]);
    jobs.finish.get("a")?.();
    expect(await a).toBe("a done");
    await tick();
    expect(jobs.started).toEqual(["a", "b", "c"]);
    const b = queue.take("b");
    jobs.finish.get("b")?.();
    expect(await b).toBe("b done");
    await tick();
    jobs.finish.get("c")?.();
    await tick();
    jobs.finish.get("d")?.();
    expect(await queue.take("d")).toBe("d done");
    expect(jobs.peak()).toBe(2);
  });

  it("surfaces a job's failure in the test that takes it, not before", async () => {
    const jobs = deferredJobs();
    const queue = new LookaheadQueue(["a", "bad"], jobs.job, 2);
    const a = queue.take("a");
    await tick();
    jobs.finish.get("bad")?.();
    jobs.finish.get("a")?.();
    expect(await a).toBe("a done");
    await expect(queue.take("bad")).rejects.toThrow("bad failed");
  });

  it("drains the jobs started ahead of tests that never took them", async () => {
    const jobs = deferredJobs();
    const queue = new LookaheadQueue(["a", "b"], jobs.job, 1, 1);
    const a = queue.take("a");
    await tick();
    jobs.finish.get("a")?.();
    await a;
    await tick();
    let drained = false;
    const drain = queue.drain().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    jobs.finish.get("b")?.();
    await drain;
    expect(drained).toBe(true);
  });

  it("refuses a key it does not know", async () => {
    const queue = new LookaheadQueue(["a"], async (key) => key, 1);
    await expect(queue.take("z")).rejects.toThrow("unknown key z");
  });
});
