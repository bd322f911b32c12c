import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, scriptEnvironment } from "../../../harness/checks/storage/script-runner.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise, loadGraderSuite } from "../../../harness/exercise/exercise-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/model/result.ts";
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

/** Gone, or a zombie its new parent has not reaped yet (PID 1 of a container may never reap). */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (stat === undefined) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
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
      `docker run --name ${helper} -v "\${COMPOSE_PROJECT_NAME}-kv-data:/data:ro" -v "$BACKUP_DIR:/backup" busybox:1.36 tar czf /backup/kv.tar.gz -C /data .`,
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

  it("stop a script at its time limit, with everything it started", { timeout: 30_000 }, async () => {
    const dir = await tempDir("dockgrade-script-test-");
    await writeFile(join(dir, "slow.sh"), 'sleep 30 &\necho "$!" > child.pid\nenv | sort\nwait\n');
    const env = scriptEnvironment({ home: dir, dockerHost: "unix:///nowhere.sock", projectName: "p", backupDir: dir }, { PATH: process.env["PATH"], SECRET_TOKEN: "x" });
    const run = await runScript({ script: "slow.sh", cwd: dir, env, timeoutMs: 1_000, signal: new AbortController().signal });
    expect(run).toMatchObject({ timedOut: true, exitCode: null });
    expect(run.durationMs).toBeLessThan(5_000);
    const child = Number((await readFile(join(dir, "child.pid"), "utf8")).trim());
    expect(await alive(child)).toBe(false);
    expect(run.output).toContain("COMPOSE_PROJECT_NAME=p");
    expect(run.output).not.toContain("SECRET_TOKEN");
  });
});
