import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failed, passed } from "../../../harness/kernel/check.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineCheck } from "../../../harness/checks/define-check.ts";
import { internalOnlyCheck } from "../../../harness/checks/network/internal-network-check.ts";
import { namesResolveCheck } from "../../../harness/checks/network/names-check.ts";
import { NetworkProber } from "../../../harness/checks/network/network-prober.ts";
import { loopbackOnlyCheck, publishedEverywhereCheck, publishedServicesCheck } from "../../../harness/checks/network/published-ports-checks.ts";
import { reachabilityCheck } from "../../../harness/checks/network/reachability-check.ts";
import { stackTopology } from "../../../harness/checks/network/stack-topology.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { RUN_LABEL } from "../../../harness/kernel/run-labels.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";

const exercise = (dir: string): Exercise => ({
  id: "04-network/99-test",
  dir,
  title: text("t", "t"),
  chapter: "04",
  submission: { required: ["compose.yaml"] },
  baseImages: ["busybox:1.37"],
  policy: { allow: [], capAdd: [] },
  compose: { files: ["compose.yaml"], profiles: [], buildTimeoutSeconds: 120, startupTimeoutSeconds: 60 },
});

const httpd = (port: number) => `["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www && echo ok > /www/index.html && httpd -f -p ${port} -h /www & wait"]`;

/**
 * front reaches mid; mid reaches store (alias `vault`) over an internal network; front cannot
 * reach store. edge publishes 8080 everywhere and 7000 on loopback, where nothing listens.
 */
const COMPOSE = `services:
  front:
    image: busybox:1.37
    command: ${httpd(8080)}
    networks: [outer]
  mid:
    image: busybox:1.37
    command: ${httpd(8081)}
    networks: [outer, inner]
  store:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; nc -ll -p 5432 -e echo PONG & wait"]
    networks:
      inner:
        aliases: [vault]
  edge:
    image: busybox:1.37
    command: ${httpd(8080)}
    ports: ["8080", "127.0.0.1::7000"]
    networks: [outer]
networks:
  outer: {}
  inner: { internal: true }
`;

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

async function grade(suite: () => readonly Check[]): Promise<GradeResult> {
  const dir = await projects.create({ "compose.yaml": COMPOSE });
  const result = await gradeSubmission({ engine, exercise: exercise(dir), suite, submissionPath: dir, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

const byId = (result: GradeResult, id: string) => {
  const check = result.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};

/** Asks the prober for what the plan must refuse, and counts the run's containers before and after. */
const refusals: Check = defineCheck({
  id: "refusals",
  title: text("refus", "refusals"),
  points: 1,
  needs: ["stack-up"],
  course: { chapter: "04", section: text("s", "s") },
  hint: text("h", "h"),
  async run(ctx) {
    const topology = await ctx.use(stackTopology);
    const prober = new NetworkProber(ctx, topology);
    const before = (await ctx.engine.containers.listByLabel(RUN_LABEL, ctx.runId)).length;
    const refused = (error: Error) => `refused: ${error.message}`;
    const outcomes = await Promise.all([
      prober.reach([{ from: "front", to: "example.com", port: 80, byAddress: true }]).then(() => "ran", refused),
      // No shared network: the name is never asked of the DNS, which would forward it outside.
      prober
        .reach([{ from: "front", to: "store", port: 5432, byAddress: false }])
        .then((reports) => (reports[0]?.results.length === 0 ? "refused: nothing to probe" : "ran"), refused),
      prober.lookup("front", "vault").then(() => "ran", refused),
      prober.lookup("mid", "example.org").then(() => "ran", refused),
    ]);
    const after = (await ctx.engine.containers.listByLabel(RUN_LABEL, ctx.runId)).length;
    return outcomes.every((outcome) => outcome.startsWith("refused")) && before === after
      ? passed(text("", outcomes.join("\n")))
      : failed(text("", outcomes.join("\n")), { actual: `${before} -> ${after}` });
  },
});

describe("network checks on the real engine", () => {
  it("measure the matrix, routes, names and bindings from inside the stack, and leave nothing", { timeout: 180_000 }, async () => {
    const result = await grade(() => [
      composeValidCheck(),
      stackUpCheck(),
      reachabilityCheck({
        allowed: [
          { from: "front", to: "mid", port: 8081 },
          { from: "mid", to: "store", port: 5432 },
          { from: "front", to: "store", port: 5432 },
        ],
        blocked: [
          { from: "store", to: "front", port: 8080 },
          { from: "mid", to: "front", port: 8080 },
          { from: "front", to: "ghost", port: 80 },
        ],
      }),
      internalOnlyCheck({ service: "store" }),
      internalOnlyCheck({ service: "mid" }),
      namesResolveCheck({
        expectations: [
          { from: "mid", name: "vault", to: "store" },
          { from: "front", name: "vault", to: "store" },
          { from: "mid", name: "front", to: "mid" },
        ],
      }),
      loopbackOnlyCheck({ service: "edge", port: 7000, http: true }),
      loopbackOnlyCheck({ id: "wide", service: "edge", port: 8080, http: true }),
      publishedEverywhereCheck({ service: "edge", port: 8080, http: true }),
      publishedServicesCheck({ published: ["edge", "front"] }),
      refusals,
    ]);
    expect(result.checks.filter((check) => check.status === "error")).toEqual([]);

    const matrix = byId(result, "reachability");
    expect(matrix.status).toBe("failed");
    expect(matrix.actual?.split("\n")).toEqual([
      "front -> mid:8081 reachable",
      "mid -> store:5432 reachable",
      "front -> store:5432 blocked",
      "store -> front:8080 blocked",
      "mid -> front:8080 reachable",
      "front -> ghost:80 not probed",
    ]);
    expect(matrix.earned).toBeCloseTo((4 * 3) / 6);
    expect(matrix.details).toContain('the name "store" is not known on front\'s networks');

    expect(byId(result, "store-internal").status).toBe("passed");
    const mid = byId(result, "mid-internal");
    expect(mid.status).toBe("failed");
    expect(mid.actual).toMatch(/default via/);

    const names = byId(result, "names-resolve");
    expect(names.status).toBe("failed");
    expect(names.actual).toContain("front: vault -> (unknown name)");
    expect(names.actual).toMatch(/mid: front -> [\d.]+ \(front\)/);
    expect(names.earned).toBeCloseTo((2 * 1) / 3);

    const closed = byId(result, "loopback-only");
    expect(closed.status, closed.message).toBe("failed");
    expect(closed.actual).toMatch(/127\.0\.0\.1:\d+ .*: (closed|refused)/);
    expect(closed.earned).toBe(2);
    expect(byId(result, "wide").status).toBe("failed");
    expect(byId(result, "wide").actual).toMatch(/0\.0\.0\.0/);
    expect(byId(result, "published-everywhere").status).toBe("passed");
    expect(byId(result, "published-everywhere").details).toMatch(/127\.0\.0\.1:\d+ .*answered/);

    const published = byId(result, "published-services");
    expect(published.status).toBe("failed");
    expect(published.message).toContain("front");

    expect(byId(result, "refusals").status, byId(result, "refusals").details).toBe("passed");
  });
});
