import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Check } from "../../../harness/checks/check.ts";
import { runChecks, type CheckRun } from "../../../harness/checks/check-runner.ts";
import type { CheckContext, Fixture } from "../../../harness/checks/context.ts";
import { healthcheckHealthyCheck } from "../../../harness/checks/image/healthcheck-checks.ts";
import { userRuntimeCheck } from "../../../harness/checks/image/user-checks.ts";
import { removeFile } from "../../../harness/checks/runtime/faults.ts";
import { healthFaultCheck, healthyCheck } from "../../../harness/checks/runtime/health-checks.ts";
import { gracefulStopCheck, restartAfterCrashCheck } from "../../../harness/checks/runtime/lifecycle-checks.ts";
import { cpuLimitCheck, memoryLimitCheck, pidsLimitCheck } from "../../../harness/checks/runtime/limit-checks.ts";
import { logsOnStdoutCheck } from "../../../harness/checks/runtime/logs-check.ts";
import { capabilitiesCheck, noNewPrivilegesCheck } from "../../../harness/checks/runtime/privilege-checks.ts";
import { readOnlyRootCheck } from "../../../harness/checks/runtime/read-only-check.ts";
import { appTarget } from "../../../harness/checks/runtime/target.ts";
import { appContainer } from "../../../harness/checks/shared-setup/app-container.ts";
import type { RunningContainer } from "../../../harness/engine/clients/container-client.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leasedRunId } from "../../support/leased-run.ts";
import { leftovers } from "../../support/leftovers.ts";
import { seeded } from "../../support/seeded-random.ts";

/**
 * A student's container that exits at any moment is a verdict on the submission, never the
 * grader's error. Each check that execs into or reads the app container runs against a container
 * of its own, which the test kills (or stops) before the check, or at a moment during it drawn
 * from a seed per case; the check must fail saying how the container ended, or reach its own
 * verdict if it read everything first, and never end as `error`.
 */
const APP = {
  Dockerfile: `FROM busybox:1.37
RUN mkdir -p /www && echo ok > /www/health && chown -R 10001 /www
COPY --chmod=755 run.sh /run.sh
USER 10001
HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/run.sh"]
`,
  "run.sh": `#!/bin/sh
trap 'echo bye; exit 0' TERM
httpd -f -p 8080 -h /www &
while :; do echo "tick $(date +%s)"; sleep 1 & wait $!; done
`,
};

const exercise = { id: "05-build/97-container-exits", title: text("t", "t"), chapter: "05" } as unknown as Exercise;

/** Every library check that execs into, probes or reads the app container, as the graders use them (needs dropped: each runs alone here). */
const READING_CHECKS: readonly Check[] = [
  userRuntimeCheck(),
  healthcheckHealthyCheck({ budgetSeconds: 10 }),
  healthyCheck({ target: appTarget, budgetSeconds: 10 }),
  healthFaultCheck({ target: appTarget, fault: removeFile("/www/health"), budgetSeconds: 10 }),
  logsOnStdoutCheck({ target: appTarget, pattern: "tick [0-9]+", withinSeconds: 3 }),
  capabilitiesCheck({ target: appTarget, allowed: [] }),
  noNewPrivilegesCheck({ target: appTarget }),
  memoryLimitCheck({ target: appTarget, maxBytes: 64 * 1024 * 1024 }),
  cpuLimitCheck({ target: appTarget, maxCpus: 1 }),
  pidsLimitCheck({ target: appTarget, maxPids: 100 }),
  readOnlyRootCheck({ target: appTarget, writable: ["/tmp"] }),
  gracefulStopCheck({ target: appTarget, withinSeconds: 3 }),
  restartAfterCrashCheck({ target: appTarget, withinSeconds: 5 }),
].map((check) => ({ ...check, needs: [] }));

type Moment = { readonly kind: "before" } | { readonly kind: "during"; readonly afterMs: number; readonly signal: "SIGKILL" | "SIGTERM" };

const CASES = READING_CHECKS.flatMap((check, index) => {
  const random = seeded(1_000 + index);
  const moments: Moment[] = [
    { kind: "before" },
    { kind: "during", afterMs: Math.round(random() * 400), signal: "SIGKILL" },
    { kind: "during", afterMs: Math.round(random() * 1_500), signal: "SIGKILL" },
    { kind: "during", afterMs: Math.round(random() * 800), signal: "SIGTERM" },
  ];
  return moments.map((moment) => ({ check, moment }));
});

let engine: Engine;
let runId: string;
let tag: string;
let contextDir: string;
beforeAll(async () => {
  engine = await connect();
  runId = await leasedRunId();
  tag = `dockgrade-${runId}-exits:test`;
  contextDir = await mkdtemp(join(tmpdir(), "dockgrade-exits-"));
  await Promise.all(Object.entries(APP).map(([name, content]) => writeFile(join(contextDir, name), content)));
  const built = await engine.builder.build({
    contextDir,
    dockerfile: join(contextDir, "Dockerfile"),
    tag,
    labels: runLabels(runId, exercise.id),
    timeoutMs: 120_000,
  });
  if (!built.ok) throw new Error(`test image did not build: ${built.log.slice(-2_000)}`);
}, 180_000);

afterAll(async () => {
  await engine?.images.remove(tag, { force: true }).catch(() => undefined);
  if (contextDir) await rm(contextDir, { recursive: true, force: true });
});

function contextFor(container: RunningContainer) {
  return (signal: AbortSignal) =>
    ({
      runId,
      exercise,
      engine,
      signal,
      async use<T>(fixture: Fixture<T>): Promise<T> {
        if (fixture === (appContainer as unknown)) return container as T;
        throw new Error(`fixture ${fixture.name} is not part of this test`);
      },
    }) as unknown as CheckContext;
}

/** Runs one check on a fresh container, ending that container at `moment`. */
async function runAgainstExit(check: Check, moment: Moment, index: number): Promise<{ run: CheckRun; killedBeforeEnd: boolean }> {
  await using container = await engine.containers.start({ image: tag, name: `dockgrade-${runId}-exit-${index}`, labels: runLabels(runId, exercise.id) });
  if (moment.kind === "before") {
    // Killed once it has said something, so that the exit's log tail has a line to show.
    for (let tries = 0; tries < 100 && !(await container.logs({ tail: 5 })).includes("tick"); tries++) await sleep(50);
    await engine.containers.kill(container.id);
    await waitStopped(container);
  }
  let killedAt = Number.POSITIVE_INFINITY;
  const ending =
    moment.kind === "during"
      ? sleep(moment.afterMs).then(async () => {
          await (moment.signal === "SIGKILL" ? engine.containers.kill(container.id) : container.kill("SIGTERM").catch(() => undefined));
          killedAt = Date.now();
        })
      : Promise.resolve();
  const [run] = await runChecks([check], contextFor(container), new AbortController().signal);
  const endedAt = Date.now();
  await ending;
  if (!run) throw new Error("no run");
  return { run, killedBeforeEnd: killedAt <= endedAt };
}

async function waitStopped(container: RunningContainer): Promise<void> {
  for (let tries = 0; tries < 100 && (await container.state()).running; tries++) await sleep(50);
}

/** Runs `work` on every item, `width` at a time, in order of the items. */
async function inTurns<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

describe("a container that exits during grading", () => {
  it("fails each reading check with the exit explained, killed before or during it, and never errors", { timeout: 150_000 }, async () => {
    const outcomes = await inTurns(CASES, 4, ({ check, moment }, index) => runAgainstExit(check, moment, index));
    const report = outcomes.map(({ run }, index) => {
      const { check, moment } = CASES[index] as (typeof CASES)[number];
      return `${check.id} ${moment.kind === "before" ? "before" : `${moment.signal} after ${moment.afterMs} ms`}: ${run.status}: ${run.message.en}`;
    });
    expect(
      outcomes.filter(({ run }) => run.status === "error").map(({ run }) => `${run.check.id}: ${run.message.en}`),
      report.join("\n"),
    ).toEqual([]);
    for (const [index, { run }] of outcomes.entries()) {
      if ((CASES[index] as (typeof CASES)[number]).moment.kind !== "before") continue;
      expect(run.status, report[index]).toBe("failed");
      expect(run.message.en, report[index]).toMatch(/container stopped .*\(exit code 137: killed by SIGKILL/);
      expect(run.message.fr, report[index]).toContain("code 137 :");
      expect(run.details, report[index]).toContain("tick");
    }
    // The moments drawn land inside the checks too, not only before or after them.
    const landedDuring = outcomes.filter(({ run, killedBeforeEnd }, index) => {
      const { moment } = CASES[index] as (typeof CASES)[number];
      return moment.kind === "during" && killedBeforeEnd && /stopped during the check/.test(run.message.en);
    });
    expect(landedDuring.length, report.join("\n")).toBeGreaterThan(0);
    expect(await leftovers(engine, runId)).toEqual([`image ${tag}`]);
  });

  it.each([
    ["exec form, a program that is not there", 'CMD ["/nope"]'],
    ["shell form, a program the shell cannot find", "CMD /app/server"],
  ])("grades a 05-build image whose program is not found (%s) as failed checks, exit 127 explained", { timeout: 180_000 }, async (_, cmd) => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-exit127-"));
    try {
      // The files the exercise requires; the image does not use them.
      await mkdir(join(dir, "src"));
      await writeFile(join(dir, "src", "server.c"), "int main(void) { return 0; }\n");
      await writeFile(join(dir, ".dockerignore"), "src\n");
      await writeFile(
        join(dir, "Dockerfile"),
        `FROM busybox:1.37\nUSER 10001\nHEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["true"]\nEXPOSE 8080\n${cmd}\n`,
      );
      const exerciseId = "05-build/01-multi-stage";
      const result = await gradeSubmission({
        engine,
        exercise: await loadExercise(exerciseId),
        suite: await loadGraderSuite(exerciseId),
        submissionPath: dir,
        lang: "en",
      });
      expect(result.failure, JSON.stringify(result.failure)).toBeUndefined();
      const byId = Object.fromEntries(result.checks.map((check) => [check.id, check]));
      expect(
        result.checks.filter((check) => check.status === "error"),
        JSON.stringify(result.checks, null, 1),
      ).toEqual([]);
      for (const id of ["user-runtime", "healthcheck-healthy"]) {
        expect(byId[id], id).toMatchObject({ status: "failed", actual: "exited 127" });
        expect(byId[id]?.message, id).toContain("exit code 127: the program, or a library it needs, was not found");
        // The USER lesson does not fix a program that is not there.
        expect(byId[id]?.hint, id).toContain("CMD/ENTRYPOINT");
      }
      expect(await leftovers(engine, result.runId)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
