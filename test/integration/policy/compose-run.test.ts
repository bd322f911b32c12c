import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failed, passed } from "../../../harness/kernel/check.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineCheck } from "../../../harness/checks/define-check.ts";
import { composeStack } from "../../../harness/checks/shared-setup/compose-stack.ts";
import { loopbackOnlyCheck, publishedEverywhereCheck } from "../../../harness/checks/network/published-ports-checks.ts";
import { stackTopology } from "../../../harness/checks/network/stack-topology.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { text } from "../../../harness/kernel/text.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";
import { leftovers } from "../../support/leftovers.ts";

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

async function grade(files: Record<string, string>, suite: () => readonly Check[]): Promise<GradeResult> {
  const dir = await projects.create(files);
  const result = await gradeSubmission({ engine, exercise: composeExercise(dir), suite, submissionPath: dir, lang: "en" });
  expect(result.failure).toBeUndefined();
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

const byId = (result: GradeResult, id: string) => {
  const check = result.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};

/** A check that passes with what `look` saw, so the test can assert on it. */
const observe = (id: string, look: Check["run"]): Check =>
  defineCheck({ id, title: text(id, id), points: 1, needs: ["stack-up"], course: { chapter: "04", section: text("s", "s") }, hint: text("h", "h"), run: look });

const httpd = (port: number) => `["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www && echo ok > /www/index.html && httpd -f -p ${port} -h /www & wait"]`;

describe("a submission's project as the grader runs it", () => {
  it("binds every published port on 127.0.0.1 with an engine-chosen host port, and judges the declared address", { timeout: 120_000 }, async () => {
    const result = await grade(
      {
        "compose.yaml": `services:
  shop:
    image: busybox:1.37
    command: ${httpd(8080)}
    ports:
      - "18080:8080"
      - "0.0.0.0:18090:8080"
      - "127.0.0.1::8080"
`,
      },
      () => [
        composeValidCheck(),
        stackUpCheck(),
        publishedEverywhereCheck({ service: "shop", port: 8080, http: true }),
        loopbackOnlyCheck({ service: "shop", port: 8080, http: true }),
        observe("bindings", async (ctx) => {
          const topology = await ctx.use(stackTopology);
          const bound = topology.services["shop"]?.published ?? [];
          return passed(text("", ""), JSON.stringify(bound.map((binding) => ({ ip: binding.hostIp, port: binding.hostPort }))));
        }),
      ],
    );
    const bound = JSON.parse(byId(result, "bindings").details ?? "[]") as { ip: string; port: number }[];
    expect(bound.length).toBeGreaterThan(0);
    expect(bound.every((binding) => binding.ip === "127.0.0.1")).toBe(true);
    expect(bound.map((binding) => binding.port)).not.toContain(18080);
    expect(bound.map((binding) => binding.port)).not.toContain(18090);

    const everywhere = byId(result, "published-everywhere");
    expect(everywhere.status, everywhere.message).toBe("passed");
    expect(everywhere.details).toMatch(/127\.0\.0\.1:\d+ .*answered/);
    const loopback = byId(result, "loopback-only");
    expect(loopback.status).toBe("failed");
    expect(loopback.actual).toBe("0.0.0.0:18080->8080/tcp, 0.0.0.0:18090->8080/tcp, 127.0.0.1:<any>->8080/tcp");
  });

  it("starts what `config` resolved: no profile, project name or grader variable comes from elsewhere", { timeout: 120_000 }, async () => {
    process.env["DOCKGRADE_TEST_TOKEN"] = "grader-secret";
    try {
      const result = await grade(
        {
          ".env": "COMPOSE_FILE=evil.yaml\nCOMPOSE_PROFILES=evil\nCOMPOSE_PROJECT_NAME=hijack\nGREETING=from-dotenv\n",
          "compose.yaml": `services:
  a:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
    environment:
      TOKEN: \${DOCKGRADE_TEST_TOKEN:-masked}
      GREETING: \${GREETING}
  b:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"]
    profiles: [evil]
`,
          "evil.yaml": "services:\n  z:\n    image: busybox:1.37\n",
        },
        () => [
          composeValidCheck(),
          stackUpCheck(),
          observe("started", async (ctx) => {
            const { stack, project } = await ctx.use(composeStack);
            const env = (await stack.service("a").inspect()).Config.Env;
            const seen = {
              services: stack.serviceNames,
              project: project.spec.projectName,
              env: env.filter((entry) => /^(TOKEN|GREETING)=/.test(entry)).sort(),
            };
            return stack.serviceNames.length > 0 ? passed(text("", ""), JSON.stringify(seen)) : failed(text("", ""), { actual: JSON.stringify(seen) });
          }),
        ],
      );
      const seen = JSON.parse(byId(result, "started").details ?? "{}") as { services: string[]; project: string; env: string[] };
      expect(seen.services).toEqual(["a"]);
      expect(seen.project).toBe(`dockgrade-${result.runId}`);
      expect(seen.env).toEqual(["GREETING=from-dotenv", "TOKEN=masked"]);
    } finally {
      delete process.env["DOCKGRADE_TEST_TOKEN"];
    }
  });
});
