import { chmod } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretMountedCheck } from "../../../harness/checks/compose/secret-mounted-check.ts";
import { serviceAnswersCheck } from "../../../harness/checks/compose/service-answers-check.ts";
import { serviceLogCheck } from "../../../harness/checks/compose/service-log-check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { startOrderCheck } from "../../../harness/checks/compose/start-order-check.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";

const LOOP = "trap 'exit 0' TERM; while true; do sleep 1; done";

/**
 * `dep` becomes healthy two seconds after it starts and serves HTTP; `early` only waits for it to
 * start (and does not crash, so only the timestamps tell), `late` waits for it to be healthy.
 * Both get the token as a file, and `early` also copies its value into its environment.
 * `quitter` exits at once, successfully (a one-shot: the stack still counts as up).
 */
const COMPOSE = `services:
  dep:
    image: busybox:1.37
    command: ["sh", "-c", "mkdir -p /tmp/www && echo hello-from-dep > /tmp/www/index.html && httpd -p 8080 -h /tmp/www && echo dep-ready-soon && sleep 2 && touch /tmp/ready && ${LOOP}"]
    healthcheck: { test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s }
  early:
    image: busybox:1.37
    command: ["sh", "-c", "${LOOP}"]
    depends_on: [dep]
    secrets: [token]
    environment:
      TOKEN_FILE: /run/secrets/token
      TOKEN_COPY: s3cr3t-value-123
  late:
    image: busybox:1.37
    command: ["sh", "-c", "${LOOP}"]
    depends_on: { dep: { condition: service_healthy } }
    secrets: [token]
    environment:
      TOKEN_FILE: /run/secrets/token
  quitter:
    image: busybox:1.37
    command: ["sh", "-c", "exit 0"]
  shy:
    image: busybox:1.37
    user: "10001"
    command: ["sh", "-c", "${LOOP}"]
    secrets: [locked]
secrets:
  token: { file: ./token.txt }
  locked: { file: ./locked.txt }
`;

const projects = new ProjectDirs();
let engine: Engine;
let result: GradeResult;

beforeAll(async () => {
  engine = await connect();
  const dir = await projects.create({ "compose.yaml": COMPOSE, "token.txt": "s3cr3t-value-123\n", "locked.txt": "locked-value-456\n" });
  await chmod(join(dir, "locked.txt"), 0o600);
  const suite = () => [
    composeValidCheck(),
    stackUpCheck(),
    startOrderCheck({
      dependencies: [
        { dependent: "early", dependency: "dep" },
        { dependent: "late", dependency: "dep" },
      ],
    }),
    secretMountedCheck({ secrets: [{ name: "token", services: ["early", "late"] }] }),
    serviceAnswersCheck({ service: "dep", port: 8080, path: "/", expect: "hello-from-dep" }),
    serviceAnswersCheck({ id: "wrong-answer", service: "dep", port: 8080, path: "/", expect: /^bonjour$/, budgetSeconds: 1 }),
    serviceAnswersCheck({ id: "quitter-answers", service: "quitter", port: 8080, path: "/", expect: "x" }),
    { ...secretMountedCheck({ secrets: [{ name: "locked", services: ["shy"] }] }), id: "secret-locked" },
    serviceLogCheck({ id: "dep-log", title: text("l", "l"), hint: text("h", "h"), service: "dep", expect: "dep-ready-soon" }),
  ];
  result = await gradeSubmission({ engine, exercise: composeExercise(dir), suite, submissionPath: dir, lang: "en" });
}, 180_000);
afterAll(() => projects.cleanUp());

const check = (id: string) => {
  const found = result.checks.find((entry) => entry.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe("Compose runtime checks on the real engine", () => {
  it("starts the stack, reports nothing as the grader's error, and leaves nothing behind", async () => {
    expect(result.checks.filter((entry) => entry.status === "error")).toEqual([]);
    expect(check("stack-up").status).toBe("passed");
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("sees from the timestamps that early did not wait for dep to be healthy, and late did", () => {
    const order = check("start-order");
    expect(order.status).toBe("failed");
    expect(order.earned).toBeCloseTo(order.points / 2);
    expect(order.message).toMatch(/^early started .* before dep became healthy/);
    expect(order.actual).toMatch(/late started \d+ ms after dep became healthy/);
  });

  it("finds the secret file in both services and its value in early's environment, without printing it", () => {
    const secret = check("secret-mounted");
    expect(secret.status).toBe("failed");
    expect(secret.earned).toBeCloseTo(secret.points * 0.75);
    expect(secret.message).toContain("early: /run/secrets/token holds the secret; value also in the environment (TOKEN_COPY=");
    expect(JSON.stringify(secret)).not.toContain("s3cr3t-value-123");
  });

  it("tells a secret the service's user cannot read from a missing one", () => {
    const locked = check("secret-locked");
    expect(locked.status).toBe("failed");
    expect(locked.earned).toBeCloseTo(locked.points / 2);
    expect(locked.message).toContain("shy: /run/secrets/locked exists but the service's user cannot read it");
  });

  it("probes a service over loopback in its own namespace, and shows what it answered", () => {
    expect(check("service-answers").status).toBe("passed");
    const wrong = check("wrong-answer");
    expect(wrong.status).toBe("failed");
    expect(wrong.actual).toBe("hello-from-dep");
  });

  it("fails, rather than errs, on a service whose container stopped", () => {
    const quitter = check("quitter-answers");
    expect(quitter.status).toBe("failed");
    expect(quitter.message).toContain("Service quitter is not running");
  });

  it("reads a service's own log", () => {
    expect(check("dep-log").status).toBe("passed");
  });
});
