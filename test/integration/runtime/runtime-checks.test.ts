import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { blockPort, removeFile } from "../../../harness/checks/runtime/faults.ts";
import { healthFaultCheck, healthyCheck } from "../../../harness/checks/runtime/health-checks.ts";
import { gracefulStopCheck, restartAfterCrashCheck } from "../../../harness/checks/runtime/lifecycle-checks.ts";
import { memoryLimitCheck } from "../../../harness/checks/runtime/limit-checks.ts";
import { logsOnStdoutCheck } from "../../../harness/checks/runtime/logs-check.ts";
import { capabilitiesCheck, noNewPrivilegesCheck } from "../../../harness/checks/runtime/privilege-checks.ts";
import { readOnlyRootCheck } from "../../../harness/checks/runtime/read-only-check.ts";
import { appTarget, composeService } from "../../../harness/checks/runtime/target.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";

/**
 * The runtime checks on the real engine, on both kinds of target: the app container of a
 * Dockerfile exercise (started with no run options, so it holds Docker's defaults) and a Compose
 * service. The exercises' corpora prove the checks' verdicts on good and bad stacks; this file
 * proves what the corpora do not reach: the app target, a file-removal fault, a missing service.
 */
const base = { title: text("t", "t"), chapter: "02", baseImages: ["busybox:1.37"], policy: { allow: [], capAdd: [] } } as const;

const dockerfileExercise = (dir: string): Exercise => ({
  ...base,
  id: "02-containers/98-runtime-app",
  dir,
  submission: { required: ["Dockerfile"] },
  build: { dockerfile: "Dockerfile", context: ".", timeoutSeconds: 120 },
});

const composeExercise = (dir: string): Exercise => ({
  ...base,
  id: "02-containers/99-runtime-compose",
  dir,
  submission: { required: ["compose.yaml"] },
  compose: { files: ["compose.yaml"], profiles: [], buildTimeoutSeconds: 120, startupTimeoutSeconds: 60 },
});

/** httpd serves /www/health; the shell loop logs a tick a second and stops cleanly on SIGTERM. */
const APP = {
  Dockerfile: `FROM busybox:1.37
RUN mkdir -p /www && echo ok > /www/health
COPY --chmod=755 run.sh /run.sh
HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/run.sh"]
`,
  "run.sh": `#!/bin/sh
trap 'echo bye; exit 0' TERM
httpd -f -p 8080 -h /www &
while :; do echo "tick $(date +%s)"; sleep 1 & wait $!; done
`,
};

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

const project = (files: Record<string, string>) => projects.create(files);

function byId(result: GradeResult) {
  return Object.fromEntries(result.checks.map((check) => [check.id, check]));
}

describe("runtime checks on the real engine", () => {
  it("grade the app container of a Dockerfile exercise, as Docker's defaults leave it", { timeout: 240_000 }, async () => {
    const dir = await project(APP);
    const suite = (exercise: Exercise) => [
      buildCheck(exercise),
      healthyCheck({ target: appTarget, budgetSeconds: 20 }),
      logsOnStdoutCheck({ target: appTarget, pattern: "tick [0-9]+", withinSeconds: 5 }),
      capabilitiesCheck({ target: appTarget, allowed: ["NET_BIND_SERVICE"] }),
      noNewPrivilegesCheck({ target: appTarget }),
      memoryLimitCheck({ target: appTarget, maxBytes: 64 * 1024 * 1024 }),
      readOnlyRootCheck({ target: appTarget, writable: ["/tmp"] }),
      healthFaultCheck({ target: appTarget, fault: removeFile("/www/health"), budgetSeconds: 15 }),
      { ...healthFaultCheck({ target: appTarget, fault: blockPort(), budgetSeconds: 15 }), id: "health-detects-blocked-port" },
      gracefulStopCheck({ target: appTarget, withinSeconds: 3 }),
    ];
    const result = await gradeSubmission({ engine, exercise: dockerfileExercise(dir), suite, submissionPath: dir, lang: "en" });
    const checks = byId(result);
    expect(
      result.checks.filter((check) => check.status === "error"),
      JSON.stringify(result.checks, null, 1),
    ).toEqual([]);
    expect(checks["health-healthy"]?.status).toBe("passed");
    expect(checks["logs-stdout"]?.status).toBe("passed");
    // Root with Docker's default set: extra capabilities are held, not merely obtainable.
    expect(checks["capabilities"]).toMatchObject({ status: "failed", earned: 0 });
    expect(checks["capabilities"]?.actual).toContain("CHOWN");
    expect(checks["capabilities"]?.actual).toContain("NET_BIND_SERVICE");
    expect(checks["no-new-privileges"]).toMatchObject({ status: "failed", actual: "NoNewPrivs: 0" });
    expect(checks["memory-limit"]).toMatchObject({ status: "failed", actual: "(none)" });
    // The root filesystem is writable, /tmp too: half of the lesson.
    expect(checks["read-only-rootfs"]).toMatchObject({ status: "failed", earned: 1 });
    expect(checks["health-detects-fault"]?.status, checks["health-detects-fault"]?.message).toBe("passed");
    // The port is cut off, the app keeps running: the wget probe notices, and the port comes back.
    expect(checks["health-detects-blocked-port"]?.status, checks["health-detects-blocked-port"]?.message).toBe("passed");
    expect(checks["health-detects-blocked-port"]?.message).toContain("interface lo down");
    expect(checks["graceful-stop"]?.status, checks["graceful-stop"]?.message).toBe("passed");
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("bring a crashed PID 1 back by its policy, and say plainly when the service is not there", { timeout: 180_000 }, async () => {
    const dir = await project({
      "compose.yaml": `services:
  app:
    image: busybox:1.37
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
    restart: on-failure
`,
    });
    const suite = () => [
      composeValidCheck(),
      stackUpCheck(),
      restartAfterCrashCheck({ target: composeService("app"), withinSeconds: 10 }),
      gracefulStopCheck({ target: composeService("app"), withinSeconds: 3 }),
      healthyCheck({ target: composeService("api"), budgetSeconds: 5 }),
    ];
    const result = await gradeSubmission({ engine, exercise: composeExercise(dir), suite, submissionPath: dir, lang: "en" });
    const checks = byId(result);
    expect(
      result.checks.map((check) => [check.id, check.status]),
      JSON.stringify(result.checks, null, 1),
    ).toEqual([
      ["compose-valid", "passed"],
      ["stack-up", "passed"],
      ["restart-after-crash", "passed"],
      ["graceful-stop", "passed"],
      ["health-healthy", "failed"],
    ]);
    expect(checks["health-healthy"]).toMatchObject({ message: 'Service "api" is not in the started stack.', actual: "app" });
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });
});
