import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failed, passed } from "../../../harness/kernel/check.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineCheck } from "../../../harness/checks/define-check.ts";
import { composeStack } from "../../../harness/checks/shared-setup/compose-stack.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { RUN_LABEL } from "../../../harness/kernel/run-labels.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";

const exercise = (dir: string): Exercise => ({
  id: "06-compose/99-test",
  dir,
  title: text("t", "t"),
  chapter: "06",
  submission: { required: ["compose.yaml"] },
  baseImages: ["busybox:1.37"],
  policy: { allow: [], capAdd: [] },
  compose: { files: ["compose.yaml"], profiles: [], buildTimeoutSeconds: 120, startupTimeoutSeconds: 60 },
});

const COMPOSE = `services:
  store:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    volumes: [data:/data, /scratch]
    healthcheck: { test: ["CMD", "true"], interval: 1s }
  app:
    build: .
    depends_on: { store: { condition: service_healthy } }
volumes:
  data: {}
`;

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

const project = (files: Record<string, string>) => projects.create(files);

/** Writes into the volume, takes the stack down without -v and up again, reads it back. */
const persists: Check = defineCheck({
  id: "persists",
  title: text("persiste", "persists"),
  points: 1,
  needs: ["stack-up"],
  course: { chapter: "03", section: text("s", "s") },
  hint: text("h", "h"),
  async run(ctx) {
    const session = await ctx.use(composeStack);
    const labelled = await ctx.engine.containers.listByLabel(RUN_LABEL, ctx.runId);
    if (labelled.length !== 2) return failed(text("", `expected 2 labelled containers, saw ${labelled.length}`));
    await session.stack.service("store").exec(["sh", "-c", "echo kept > /data/f"]);
    const mounts = (await session.stack.service("store").inspect()).Mounts;
    const anonymous = mounts.find((mount) => mount.Destination === "/scratch")?.Name ?? "";
    const stack = await session.restart({ removeVolumes: false });
    const { output } = await stack.service("store").exec(["cat", "/data/f"]);
    if (output.trim() !== "kept") return failed(text("", `read back: ${output}`));
    const orphans = await ctx.engine.containers.listMounting([anonymous]);
    const stillThere = (await ctx.engine.volumes.listByName(anonymous)).length;
    return stillThere === 0 && orphans.length === 0 ? passed(text("", "")) : failed(text("", `anonymous volume ${anonymous} left after down/up`));
  },
});

describe("compose projects on the real engine", () => {
  it("builds, starts in dependency order, survives down/up without -v, and leaves nothing", { timeout: 180_000 }, async () => {
    const dir = await project({ "compose.yaml": COMPOSE, Dockerfile: 'FROM busybox:1.37\nCMD ["sleep", "300"]\n' });
    const result = await gradeSubmission({
      engine,
      exercise: exercise(dir),
      suite: () => [composeValidCheck(), stackUpCheck(), persists],
      submissionPath: dir,
      lang: "en",
    });
    expect(result.checks.map((check) => [check.id, check.status, check.message])).toEqual([
      ["compose-valid", "passed", "Services: app, store."],
      ["stack-up", "passed", "Started: app, store."],
      ["persists", "passed", ""],
    ]);
    expect(await leftovers(engine, result.runId)).toEqual([]);
    const compose = await engine.containers.listByLabel("com.docker.compose.project", `dockgrade-${result.runId}`);
    expect(compose).toEqual([]);
  });

  it("refuses to read the grader's own files (bind mount, env file, secret), and starts nothing", { timeout: 60_000 }, async () => {
    const dir = await project({
      "compose.yaml":
        "services:\n  peek:\n    image: busybox:1.37\n    env_file: [/etc/os-release]\n    volumes: [/etc:/host-etc:ro]\n    secrets: [shadow]\nsecrets:\n  shadow: { file: /etc/shadow }\n",
    });
    const result = await gradeSubmission({
      engine,
      exercise: exercise(dir),
      suite: () => [composeValidCheck(), stackUpCheck()],
      submissionPath: dir,
      lang: "en",
    });
    // The sandbox policy refuses the submission before any check runs (harness/policy).
    expect(result.checks).toEqual([]);
    expect(result.failure?.code).toBe("policy-refused");
    expect(result.failure?.violations?.map((violation) => `${violation.rule} ${violation.file}:${violation.line}`)).toEqual([
      "env-file-outside compose.yaml:4",
      "bind-outside compose.yaml:5",
      "secret-outside compose.yaml:8",
    ]);
    expect(JSON.stringify(result)).not.toContain("trixie");
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("reports a service that never becomes healthy as a failed start, with Compose's words", { timeout: 120_000 }, async () => {
    const sick = COMPOSE.replace('test: ["CMD", "true"]', 'test: ["CMD", "false"], retries: 1').replace(
      "build: .",
      'image: busybox:1.37\n    command: ["sleep", "300"]',
    );
    const dir = await project({ "compose.yaml": sick });
    const result = await gradeSubmission({
      engine,
      exercise: exercise(dir),
      suite: () => [composeValidCheck(), stackUpCheck()],
      submissionPath: dir,
      lang: "en",
    });
    const up = result.checks.find((check) => check.id === "stack-up");
    expect(up?.status).toBe("failed");
    expect(up?.details).toMatch(/unhealthy|dependency/i);
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("fails the start when a service crashes right after starting, with its logs, but accepts a one-shot that exits 0", { timeout: 120_000 }, async () => {
    const dir = await project({
      "compose.yaml":
        'services:\n  init:\n    image: busybox:1.37\n    command: ["true"]\n  app:\n    image: busybox:1.37\n    command: ["sh", "-c", "echo cannot-open-db; exit 3"]\n',
    });
    const result = await gradeSubmission({
      engine,
      exercise: exercise(dir),
      suite: () => [composeValidCheck(), stackUpCheck()],
      submissionPath: dir,
      lang: "en",
    });
    const up = result.checks.find((check) => check.id === "stack-up");
    expect(up?.status).toBe("failed");
    expect(up?.actual).toBe("app (exit 3)");
    expect(up?.details).toContain("cannot-open-db");
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });
});
