import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader, type GraderSuite } from "../../../harness/checks/grader-suite.ts";
import { backupCheck, restoreCheck } from "../../../harness/checks/storage/backup-checks.ts";
import { backupPlan } from "../../../harness/checks/storage/backup-plan.ts";
import { volumeKindCheck } from "../../../harness/checks/storage/volume-kind-check.ts";
import { connect } from "../../../harness/engine/connect.ts";
import { dockerodeOptions } from "../../../harness/engine/dockerode-options.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { KV_DATA_DIR, KV_SERVICE, kvdProbe } from "../../../graders/03-storage/kvd-probe.ts";
import { materialiseVariant, type Variant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * Students' backup and restore scripts run in the scripts' sandbox, not on the grader's machine:
 * hostile variants of the exercise's solution (script-variants/) try to write on the host and to
 * get the engine to hand it over. The host stays untouched, the proxy's refusals reach the
 * student in the check's output, a script that never ends is stopped, and nothing stays behind.
 */
const EXERCISE = "03-storage/02-backup-restore";
const VARIANTS = join(import.meta.dirname, "script-variants");
const marker = `dockgrade-sandbox-marker-${randomBytes(4).toString("hex")}`;
const dirs: string[] = [];
let engine: Engine;

beforeAll(async () => {
  engine = await connect();
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The solution with a variant's scripts laid over it, their placeholders filled in. */
async function variantSubmission(name: string, placeholders: Record<string, string> = {}): Promise<string> {
  const exercise = await loadExercise(EXERCISE);
  const variant: Variant = { name, dir: join(VARIANTS, name), description: name, loses: [] };
  const dir = await materialiseVariant(join(exercise.dir, "solution"), variant);
  dirs.push(dir);
  for (const script of await readdir(variant.dir)) {
    let source = await readFile(join(dir, script), "utf8");
    for (const [key, value] of Object.entries({ __MARKER__: marker, ...placeholders })) source = source.replaceAll(key, value);
    await writeFile(join(dir, script), source);
  }
  return dir;
}

async function grade(dir: string, suite?: GraderSuite): Promise<GradeResult> {
  const result = await gradeSubmission({
    engine,
    exercise: await loadExercise(EXERCISE),
    suite: suite ?? (await loadGraderSuite(EXERCISE)),
    submissionPath: dir,
    lang: "en",
  });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  expect((await engine.volumes.listByName(`dockgrade-${result.runId}`)).map((volume) => volume.name)).toEqual([]);
  return result;
}

function check(result: GradeResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check ${id} in ${result.checks.map((candidate) => candidate.id).join(", ")}`);
  return found;
}

function notPassed(result: GradeResult): string[] {
  return result.checks.filter((candidate) => candidate.status !== "passed").map((candidate) => `${candidate.id}: ${candidate.message}`);
}

/** Host paths a hostile script could reach if it ran on the grader's machine, or through a privileged helper. */
function hostMarkers(): string[] {
  return [join("/tmp", marker), join(homedir(), marker)];
}

describe("the scripts' sandbox", () => {
  it("keeps a script's writes off the grader's machine, and an honest restore still works", { timeout: 300_000 }, async () => {
    const result = await grade(await variantSubmission("escape-files", { __GRADER_HOME__: homedir() }));
    expect(notPassed(result)).toEqual([]);
    for (const path of hostMarkers()) expect(existsSync(path), path).toBe(false);
  });

  it("refuses a way onto the host through the engine, and the student reads why", { timeout: 300_000 }, async () => {
    const foreignRun = `foreign-${randomBytes(4).toString("hex")}`;
    await using _lease = await holdRunLease(foreignRun);
    const foreign = `dockgrade-foreign-${randomBytes(4).toString("hex")}`;
    // Another run's volume (another student's data): the script must not reach it.
    await new Docker(dockerodeOptions(engine.endpoint.host)).createVolume({ Name: foreign, Labels: { ...runLabels(foreignRun, "test") } });
    try {
      const result = await grade(await variantSubmission("engine-escapes", { __FOREIGN_VOLUME__: foreign }));
      const backup = check(result, "storage-backup");
      expect(backup.status).toBe("failed");
      const shown = `${backup.actual}\n${backup.details}`;
      // The allowed helper ran attached: its output came back through the proxy.
      expect(shown).toContain("helper says hi");
      for (const refusal of [
        "--privileged: refused",
        "-v /: refused",
        "-v /var/run/docker.sock: refused, the Docker engine's socket",
        "--network host: refused",
        `volume ${foreign} does not belong to this grading run`,
        "--opt: refused",
        "no image pull",
      ]) {
        expect(shown).toContain(refusal);
      }
      expect(check(result, "storage-restore").status).toBe("failed");
      for (const path of hostMarkers()) expect(existsSync(path), path).toBe(false);
      expect((await engine.volumes.listByName("escape")).map((volume) => volume.name)).not.toContain("escape");
    } finally {
      await engine.volumes.remove(foreign);
    }
  });

  it("stops a script that never ends at its time limit, with the helper it started", { timeout: 300_000 }, async () => {
    const limitSeconds = 3;
    const suite = defineGrader(() => {
      const plan = backupPlan({ service: KV_SERVICE, dataDir: KV_DATA_DIR, probe: kvdProbe, scriptTimeoutSeconds: limitSeconds });
      return [
        composeValidCheck(),
        stackUpCheck(),
        volumeKindCheck({ service: KV_SERVICE, target: KV_DATA_DIR, kind: "volume" }),
        backupCheck(plan),
        restoreCheck(plan),
      ];
    });
    const result = await grade(await variantSubmission("never-ends"), suite);
    const backup = check(result, "storage-backup");
    expect(backup.status).toBe("failed");
    expect(backup.message).toContain(`did not finish within ${limitSeconds} s`);
    // Killed at its limit: the check took the limit and the container's start and removal, not the helper's 1000 s.
    expect(backup.durationMs).toBeLessThan((limitSeconds + 20) * 1000);
    expect(check(result, "storage-restore").message).toContain("No archive to restore");
  });
});
