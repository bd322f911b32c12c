import { setTimeout as sleep } from "node:timers/promises";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Check } from "../../../harness/checks/check.ts";
import { secretMountedCheck } from "../../../harness/checks/compose/secret-mounted-check.ts";
import { serviceAnswersCheck } from "../../../harness/checks/compose/service-answers-check.ts";
import { serviceLogCheck } from "../../../harness/checks/compose/service-log-check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { namesResolveCheck } from "../../../harness/checks/network/names-check.ts";
import { reachabilityCheck } from "../../../harness/checks/network/reachability-check.ts";
import { composeStack } from "../../../harness/checks/shared-setup/compose-stack.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { text } from "../../../harness/kernel/text.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";
import { leftovers } from "../../support/leftovers.ts";
import { seeded } from "../../support/seeded-random.ts";

/**
 * The Compose-side half of container-exits.test.ts: each check that execs into, probes or reads a
 * service of the student's stack runs while the test kills that service's container, before the
 * check or at a moment during it drawn from a seed per case. The check must fail saying the
 * service stopped, or reach its own verdict if it read everything first, and never end as `error`.
 */
const COMPOSE = `services:
  app:
    image: busybox:1.37
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/health && httpd -p 8080 -h /www && while :; do echo tick; sleep 1; done"]
    secrets: [token]
  peer:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
secrets:
  token:
    file: ./token.txt
`;

/** Every Compose-side library check that reads a running service, each with the service it reads. */
const READERS: readonly { readonly check: Check; readonly service: string }[] = [
  { check: serviceAnswersCheck({ service: "app", port: 8080, path: "/health", expect: "ok", budgetSeconds: 3 }), service: "app" },
  {
    check: serviceLogCheck({ id: "app-log", title: text("t", "t"), hint: text("h", "h"), service: "app", expect: "never printed", budgetSeconds: 2 }),
    service: "app",
  },
  { check: secretMountedCheck({ secrets: [{ name: "token", services: ["app"] }] }), service: "app" },
  { check: namesResolveCheck({ expectations: [{ from: "peer", name: "app", to: "app" }] }), service: "peer" },
  { check: namesResolveCheck({ expectations: [{ from: "peer", name: "app", to: "app" }] }), service: "app" },
  { check: reachabilityCheck({ allowed: [{ from: "peer", to: "app", port: 8080 }], blocked: [] }), service: "peer" },
  { check: reachabilityCheck({ allowed: [{ from: "peer", to: "app", port: 8080 }], blocked: [] }), service: "app" },
];

type Moment = { readonly kind: "before" } | { readonly kind: "during"; readonly afterMs: number };

const CASES = READERS.flatMap((reader, index) => {
  const random = seeded(2_000 + index);
  const moments: Moment[] = [
    { kind: "before" },
    { kind: "during", afterMs: Math.round(random() * 300) },
    { kind: "during", afterMs: Math.round(random() * 1_200) },
  ];
  return moments.map((moment) => ({ ...reader, moment }));
});

const label = (moment: Moment) => (moment.kind === "before" ? "before" : `SIGKILL after ${moment.afterMs} ms`);

/** The reader, while the case's service is killed at `moment`: SIGKILL through the engine, as an OOM kill or a crash would end it. */
function killedDuring(reader: (typeof CASES)[number]): Check {
  return {
    ...reader.check,
    needs: ["stack-up"],
    async run(ctx) {
      const container = (await ctx.use(composeStack)).stack.service(reader.service);
      if (reader.moment.kind === "before") {
        await ctx.engine.containers.kill(container.id);
        for (let tries = 0; tries < 100 && (await container.state()).running; tries++) await sleep(50);
        return reader.check.run(ctx);
      }
      const ending = sleep(reader.moment.afterMs).then(() => ctx.engine.containers.kill(container.id));
      try {
        return await reader.check.run(ctx);
      } finally {
        await ending;
      }
    },
  };
}

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

describe("a service that exits during grading", () => {
  it("fails each Compose-side reading check, killed before or during it, and never errors", { timeout: 240_000 }, async () => {
    const dir = await projects.create({ "compose.yaml": COMPOSE, "token.txt": "s3cret\n" });
    // A stack of its own per case, three at a time: the stack's topology is read once per run, and a
    // container started again may come back with another address.
    const limit = pLimit(3);
    const results = await Promise.all(
      CASES.map((entry) =>
        limit(() =>
          gradeSubmission({
            engine,
            exercise: composeExercise(dir),
            suite: () => [composeValidCheck(), stackUpCheck(), killedDuring(entry)],
            submissionPath: dir,
            lang: "en",
          }),
        ),
      ),
    );
    expect(results.map((result) => result.checks.slice(0, 2).map((check) => check.status))).toEqual(CASES.map(() => ["passed", "passed"]));
    const runs = results.map((result) => result.checks[2] as (typeof result.checks)[number]);
    const report = runs
      .map((run, index) => `${run.id} #${index} ${label((CASES[index] as (typeof CASES)[number]).moment)}: ${run.status}: ${run.message}`)
      .join("\n");
    expect(
      runs.filter((run) => run.status === "error").map((run) => `${run.id}: ${run.message}`),
      report,
    ).toEqual([]);
    // Killed before, the check sees a stopped service; killed during, it either read everything first
    // or says the service stopped: never a log line, a name or a network blamed for the kill.
    for (const [index, run] of runs.entries()) {
      if ((CASES[index] as (typeof CASES)[number]).moment.kind === "before") expect(run.status, report).toBe("failed");
      if (run.status === "failed") expect(run.message, report).toMatch(/is not running|container stopped/);
    }
    expect(runs.filter((run) => /stopped during the check/.test(run.message)).length, report).toBeGreaterThan(3);
    for (const result of results) expect(await leftovers(engine, result.runId)).toEqual([]);
  });
});
