import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passed } from "../../../harness/kernel/check.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineCheck } from "../../../harness/checks/define-check.ts";
import { dataFileProbe } from "../../../harness/checks/storage/data-probe.ts";
import { nonRootWriteCheck } from "../../../harness/checks/storage/nonroot-write-check.ts";
import { survivesDownUpCheck, survivesRecreateCheck } from "../../../harness/checks/storage/persistence-checks.ts";
import { readOnlyTmpfsCheck } from "../../../harness/checks/storage/readonly-tmpfs-check.ts";
import { storageSession } from "../../../harness/checks/storage/storage-session.ts";
import { volumeKindCheck } from "../../../harness/checks/storage/volume-kind-check.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";

/**
 * The storage checks on a plain busybox service (no kvd): data written as files by `docker exec`,
 * so the library is proven apart from the exercises' app.
 */
const exercise = (dir: string): Exercise => ({
  id: "03-storage/99-test",
  dir,
  title: text("t", "t"),
  chapter: "03",
  submission: { required: ["compose.yaml"] },
  baseImages: ["busybox:1.37"],
  policy: { allow: [], capAdd: [] },
  compose: { files: ["compose.yaml"], profiles: [], buildTimeoutSeconds: 120, startupTimeoutSeconds: 60 },
});

const DOCKERFILE = `FROM busybox:1.37
RUN mkdir -p /data && chown 10001:10001 /data
USER 10001:10001
CMD ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
`;

const compose = (mount: string) => `services:
  app:
    build: .
    read_only: true
    tmpfs: [/tmp, /run]
    volumes: [${mount}]
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

/** Notes every volume the service's container mounts, to prove afterwards that none is left. */
function volumeSpy(seen: Set<string>): Check {
  return defineCheck({
    id: "spy",
    title: text("spy", "spy"),
    points: 0,
    needs: [],
    course: { chapter: "03", section: text("s", "s") },
    hint: text("h", "h"),
    async run(ctx) {
      const { Mounts } = await (await ctx.use(storageSession)).stack.service("app").inspect();
      for (const mount of Mounts ?? []) if (mount.Name) seen.add(mount.Name);
      return passed(text("", ""));
    },
  });
}

const probe = dataFileProbe("/data");
const suite = (seen: Set<string>) => () => [
  composeValidCheck(),
  stackUpCheck(),
  volumeKindCheck({ service: "app", target: "/data", kind: "volume" }),
  nonRootWriteCheck({ service: "app", dataDir: "/data" }),
  readOnlyTmpfsCheck({ service: "app" }),
  volumeSpy(seen),
  survivesRecreateCheck({ service: "app", probe }),
  volumeSpy(seen),
  survivesDownUpCheck({ service: "app", probe }),
  volumeSpy(seen),
];

async function grade(files: Record<string, string>, seen: Set<string>) {
  const dir = await project(files);
  // The spies share one id: a suite with duplicate ids is refused, so they are renamed in order.
  const checks = () => suite(seen)().map((check, index) => (check.id === "spy" ? { ...check, id: `spy-${index}` } : check));
  return gradeSubmission({ engine, exercise: exercise(dir), suite: checks, submissionPath: dir, lang: "en" });
}

describe("storage checks on the real engine", () => {
  it("pass on a named volume that a non-root user owns, on a read-only root", { timeout: 180_000 }, async () => {
    const seen = new Set<string>();
    const result = await grade({ "compose.yaml": compose("data:/data"), Dockerfile: DOCKERFILE }, seen);
    expect(result.checks.filter((check) => check.status !== "passed").map((check) => `${check.id}: ${check.message}`)).toEqual([]);
    expect(await leftovers(engine, result.runId)).toEqual([]);
    expect(await engine.volumes.listByName(`dockgrade-${result.runId}`)).toEqual([]);
  });

  it("tell an anonymous volume (kept by a recreation, lost by down/up) from a named one, and leave no orphan", { timeout: 180_000 }, async () => {
    const seen = new Set<string>();
    const result = await grade({ "compose.yaml": compose("/data"), Dockerfile: DOCKERFILE }, seen);
    const status = Object.fromEntries(result.checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({
      "storage-volume-kind": "failed",
      "storage-nonroot-write": "passed",
      "storage-survives-recreate": "passed",
      "storage-survives-down-up": "failed",
    });
    expect(result.checks.find((check) => check.id === "storage-volume-kind")?.earned).toBe(1);
    // Two anonymous volumes: the first one's container was recreated, then taken down without -v.
    expect(seen.size).toBe(2);
    for (const volume of seen) expect(await engine.volumes.listByName(volume)).toEqual([]);
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });

  it("explain a read-only root without tmpfs and a data folder the user cannot write", { timeout: 180_000 }, async () => {
    const seen = new Set<string>();
    const rootOwned = DOCKERFILE.replace("RUN mkdir -p /data && chown 10001:10001 /data\n", "");
    const noTmpfs = compose("data:/data").replace("    tmpfs: [/tmp, /run]\n", "");
    const result = await grade({ "compose.yaml": noTmpfs, Dockerfile: rootOwned }, seen);
    const byId = Object.fromEntries(result.checks.map((check) => [check.id, check]));
    expect(byId["storage-nonroot-write"]?.status).toBe("failed");
    expect(byId["storage-nonroot-write"]?.actual).toMatch(/Permission denied/);
    expect(byId["storage-readonly-tmpfs"]?.status).toBe("failed");
    // The root is read-only (1 of 3 facts): a third of the points.
    expect(byId["storage-readonly-tmpfs"]?.earned).toBeCloseTo(2 / 3);
    expect(byId["storage-readonly-tmpfs"]?.actual).toContain("/tmp: (not a mount), not writable");
    expect(await leftovers(engine, result.runId)).toEqual([]);
  });
});
