import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { leftovers } from "../../support/leftovers.ts";

/** An image no registry has, so these tests behave the same online and offline. */
const NOWHERE = "dockgrade-test/does-not-exist:1.0";
const EXERCISE_ID = "05-build/01-multi-stage";

let engine: Engine;
let exercise: Exercise;
const scratch = await mkdtemp(join(tmpdir(), "dockgrade-base-"));

beforeAll(async () => {
  engine = await connect();
  exercise = await loadExercise(EXERCISE_ID);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function grade(path: string, target: Exercise = exercise) {
  const result = await gradeSubmission({ engine, exercise: target, suite: await loadGraderSuite(EXERCISE_ID), submissionPath: path, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

describe("base images that cannot be had", () => {
  it("a FROM the exercise did not declare fails the build, explained, and grading goes on", { timeout: 120_000 }, async () => {
    const dir = join(scratch, "undeclared");
    await cp(join(exercise.dir, "solution"), dir, { recursive: true });
    const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
    await writeFile(join(dir, "Dockerfile"), dockerfile.replace("FROM busybox:1.37", `FROM ${NOWHERE}`));
    const result = await grade(dir);
    expect(result.failure).toBeUndefined();
    const build = result.checks.find((check) => check.id === "build");
    expect(build?.status).toBe("failed");
    expect(build?.details).toContain("does-not-exist");
    expect(result.checks.filter((check) => check.status === "error")).toEqual([]);
    expect(result.checks.find((check) => check.id === "base-pinned")?.status).toBe("passed");
  });

  it("a declared base image that cannot be had makes the submission ungradable, with a hint", { timeout: 60_000 }, async () => {
    const result = await grade(join(exercise.dir, "solution"), { ...exercise, baseImages: [NOWHERE] });
    expect(result.failure?.code).toBe("base-image-unavailable");
    expect(result.failure?.message).toContain(NOWHERE);
    expect(result.failure?.hint).toContain("docker load");
    expect(result.checks).toEqual([]);
  });
});
