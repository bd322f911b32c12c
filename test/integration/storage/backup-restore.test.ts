import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, scriptEnvironment } from "../../../harness/checks/storage/script-runner.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { leftovers } from "../../support/leftovers.ts";

const EXERCISE = "03-storage/02-backup-restore";

let engine: Engine;
const dirs: string[] = [];
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The exercise's solution with some of its files replaced. */
async function submission(files: Record<string, string>): Promise<string> {
  const exercise = await loadExercise(EXERCISE);
  const dir = await tempDir("dockgrade-backup-test-");
  await cp(join(exercise.dir, "solution"), dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

async function grade(dir: string): Promise<GradeResult> {
  return gradeSubmission({ engine, exercise: await loadExercise(EXERCISE), suite: await loadGraderSuite(EXERCISE), submissionPath: dir, lang: "en" });
}

/** Nothing of the run's project is left: no labelled object, no volume or helper named after it. */
async function expectNothingLeft(result: GradeResult): Promise<void> {
  expect(await leftovers(engine, result.runId)).toEqual([]);
  const volumes = (await engine.volumes.listByName(`dockgrade-${result.runId}`)).map((volume) => volume.name);
  expect(volumes).toEqual([]);
}

describe("backup and restore scripts", () => {
  it("accept the other helper-container idiom, --volumes-from the stopped service", { timeout: 180_000 }, async () => {
    const solution = await readFile(join((await loadExercise(EXERCISE)).dir, "solution", "backup.sh"), "utf8");
    const volumesFrom = solution.replace('-v "$volume:/data:ro"', '--volumes-from "${COMPOSE_PROJECT_NAME}-db-1"').replace("-C /data .", "-C /var/lib/kv .");
    expect(volumesFrom).toContain("--volumes-from");
    const result = await grade(await submission({ "backup.sh": volumesFrom }));
    expect(result.checks.filter((check) => check.status !== "passed").map((check) => `${check.id}: ${check.message}`)).toEqual([]);
    await expectNothingLeft(result);
  });

  it("remove what a careless script leaves: a helper without --rm, a volume it created by mistake", { timeout: 180_000 }, async () => {
    const helper = `dockgrade-storage-helper-${randomBytes(4).toString("hex")}`;
    const backup = [
      "#!/bin/sh",
      "set -eu",
      // Typo: a dash instead of Compose's underscore, so docker run creates a new, empty volume.
      `docker run --name ${helper} -v "\${COMPOSE_PROJECT_NAME}-kv-data:/data:ro" -v "$BACKUP_DIR:/backup" busybox:1.37 tar czf /backup/kv.tar.gz -C /data .`,
      "",
    ].join("\n");
    const result = await grade(await submission({ "backup.sh": backup }));
    const backupCheck = result.checks.find((check) => check.id === "storage-backup");
    expect(backupCheck?.status).toBe("failed");
    expect(backupCheck?.actual).toBe(helper);
    expect(backupCheck?.earned).toBe(1.5);
    // The empty volume was archived: the restore cannot match what was backed up.
    expect(result.checks.find((check) => check.id === "storage-restore")?.status).toBe("failed");
    expect(await engine.containers.listMounting([`dockgrade-${result.runId}-kv-data`])).toEqual([]);
    await expectNothingLeft(result);
  });

  it("stop a script at its time limit, in its sandbox, with everything it started", { timeout: 60_000 }, async () => {
    const runId = `script-limit-${randomBytes(4).toString("hex")}`;
    await using _lease = await holdRunLease(runId);
    const dir = await realpath(await tempDir("dockgrade-script-test-"));
    const [workDir, backupDir] = [join(dir, "work"), join(dir, "backup")];
    await Promise.all([mkdir(workDir), mkdir(backupDir)]);
    await writeFile(join(workDir, "slow.sh"), "sleep 30 &\nenv | sort\nwait\n");
    const env = scriptEnvironment({ projectName: "p", backupDir });
    const run = await runScript({
      engine,
      runId,
      exerciseId: EXERCISE,
      script: "slow.sh",
      workDir,
      backupDir,
      env,
      timeoutMs: 1_000,
      signal: new AbortController().signal,
    });
    expect(run).toMatchObject({ timedOut: true, exitCode: null });
    expect(run.durationMs).toBeLessThan(5_000);
    expect(run.output).toContain("COMPOSE_PROJECT_NAME=p");
    // Nothing of the grader's environment (vitest's own variables, here) reaches the script.
    expect(run.output).not.toContain("VITEST");
    expect(await leftovers(engine, runId)).toEqual([]);
  });
});
