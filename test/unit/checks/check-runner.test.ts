import { describe, expect, it } from "vitest";
import { failed, passed } from "../../../harness/kernel/check.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { runChecks } from "../../../harness/checks/check-runner.ts";
import type { CheckContext } from "../../../harness/checks/context.ts";
import { RunHalt } from "../../../harness/kernel/run-halt.ts";
import { validateSuite } from "../../../harness/checks/grader-suite.ts";
import { text } from "../../../harness/kernel/text.ts";

function check(id: string, run: Check["run"], extra: Partial<Check> = {}): Check {
  return {
    id,
    title: text(id, id),
    points: 1,
    needs: [],
    course: { chapter: "05", section: text("s", "s") },
    hint: text("h", "h"),
    timeoutMs: 1_000,
    run,
    ...extra,
  };
}

const context = (signal: AbortSignal) => ({ signal }) as unknown as CheckContext;

describe("check runner", () => {
  it("skips checks whose needs did not pass, naming them", async () => {
    const runs = await runChecks(
      [
        check("build", async () => failed(text("non", "no"))),
        check("user", async () => passed(text("oui", "yes")), { needs: ["build"] }),
        check("static", async () => passed(text("oui", "yes"))),
      ],
      context,
      new AbortController().signal,
    );
    expect(runs.map((run) => run.status)).toEqual(["failed", "skipped", "passed"]);
    expect(runs[1]?.message.en).toContain('"build"');
  });

  it("reports a thrown exception as the grader's error, not the student's failure", async () => {
    const [run] = await runChecks(
      [
        check("boom", async () => {
          throw new TypeError("oops");
        }),
      ],
      context,
      new AbortController().signal,
    );
    expect(run?.status).toBe("error");
    expect(run?.message.en).toContain("TypeError: oops");
  });

  it("fails a check past its time budget and aborts its signal", async () => {
    let aborted = false;
    const slow = check(
      "slow",
      (ctx) =>
        new Promise((resolve) =>
          ctx.signal.addEventListener("abort", () => {
            aborted = true;
            resolve(passed(text("", "")));
          }),
        ),
      { timeoutMs: 50 },
    );
    const [run] = await runChecks([slow], context, new AbortController().signal);
    expect(run?.status).toBe("failed");
    expect(run?.message.en).toContain("No answer within");
    expect(aborted).toBe(true);
  });

  it("keeps partial credit from a failed verdict", async () => {
    const [run] = await runChecks([check("labels", async () => failed(text("", ""), { credit: 0.6 }))], context, new AbortController().signal);
    expect(run?.credit).toBe(0.6);
  });

  it("skips everything once the run is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const runs = await runChecks([check("a", async () => passed(text("", "")))], context, controller.signal);
    expect(runs[0]?.status).toBe("skipped");
  });

  it("halted for the submission's doing, fails the running check with the reason and does not evaluate the rest", async () => {
    const controller = new AbortController();
    const stuck = check("stuck", () => {
      controller.abort(new RunHalt(text("budget épuisé", "budget spent")));
      return new Promise(() => undefined);
    });
    const runs = await runChecks([stuck, check("next", async () => passed(text("", "")))], context, controller.signal);
    expect(runs.map((run) => [run.status, run.message.en])).toEqual([
      ["failed", "budget spent"],
      ["skipped", "Not evaluated: budget spent"],
    ]);
  });

  it("runs concurrent neighbours at the same time, and a check that is not concurrent alone", async () => {
    const events: string[] = [];
    /** Resolves once both concurrent readers have started: a runner that ran them one by one never would. */
    let started = 0;
    let bothStarted!: () => void;
    const together = new Promise<void>((resolve) => (bothStarted = resolve));
    const reader = (id: string) =>
      check(
        id,
        async () => {
          events.push(`${id} start`);
          if (++started === 2) bothStarted();
          await together;
          events.push(`${id} end`);
          return passed(text("", ""));
        },
        { concurrent: true, needs: ["setup"] },
      );
    const alone = (id: string) =>
      check(id, async () => {
        events.push(`${id} start`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${id} end`);
        return passed(text("", ""));
      });
    const runs = await runChecks([alone("setup"), reader("a"), reader("b"), alone("stop"), reader("c")], context, new AbortController().signal);
    expect(runs.map((run) => [run.check.id, run.status])).toEqual([
      ["setup", "passed"],
      ["a", "passed"],
      ["b", "passed"],
      ["stop", "passed"],
      ["c", "passed"],
    ]);
    expect(events).toEqual(["setup start", "setup end", "a start", "b start", "a end", "b end", "stop start", "stop end", "c start", "c end"]);
  });

  it("starts a concurrent check only after its needs, and skips it when they did not pass", async () => {
    const order: string[] = [];
    const runs = await runChecks(
      [
        check("gate", async () => failed(text("non", "no"))),
        check(
          "slow",
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            order.push("slow");
            return passed(text("", ""));
          },
          { concurrent: true },
        ),
        check(
          "after-slow",
          async () => {
            order.push("after-slow");
            return passed(text("", ""));
          },
          { concurrent: true, needs: ["slow"] },
        ),
        check("after-gate", async () => passed(text("", "")), { concurrent: true, needs: ["gate"] }),
      ],
      context,
      new AbortController().signal,
    );
    expect(order).toEqual(["slow", "after-slow"]);
    expect(runs.map((run) => run.status)).toEqual(["failed", "passed", "passed", "skipped"]);
    expect(runs[3]?.message.en).toContain('"gate"');
  });

  it("stopped midway, reports what one check at a time would: nothing after the first unfinished check counts", async () => {
    const controller = new AbortController();
    let readerDone!: () => void;
    const readerFinished = new Promise<void>((resolve) => (readerDone = resolve));
    const stuck = check(
      "stuck",
      async () => {
        await readerFinished;
        controller.abort(new RunHalt(text("budget épuisé", "budget spent")));
        return new Promise<never>(() => undefined);
      },
      { concurrent: true },
    );
    const quick = check(
      "quick",
      async () => {
        readerDone();
        return passed(text("", ""));
      },
      { concurrent: true },
    );
    const runs = await runChecks(
      [check("first", async () => passed(text("", ""))), stuck, quick, check("last", async () => passed(text("", "")))],
      context,
      controller.signal,
    );
    expect(runs.map((run) => [run.check.id, run.status, run.message.en])).toEqual([
      ["first", "passed", ""],
      ["stuck", "failed", "budget spent"],
      ["quick", "skipped", "Not evaluated: budget spent"],
      ["last", "skipped", "Not evaluated: budget spent"],
    ]);
  });

  it("finds a suite's own bugs before running it", () => {
    const problems = validateSuite([
      check("a", async () => passed(text("", "")), { needs: ["b"] }),
      check("b", async () => passed(text("", ""))),
      check("b", async () => passed(text("", ""))),
    ]);
    expect(problems).toEqual(['check "a" needs "b", which is not an earlier check', 'duplicate check id "b"']);
  });
});
