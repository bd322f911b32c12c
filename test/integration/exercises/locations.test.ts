import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult, SourceLocation } from "../../../harness/kernel/result.ts";
import { listVariants, materialiseVariant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * Known-bad corpus variants graded end to end: each failed check names the file and the line of
 * the submission that cost its points, as a pull-request annotation will mark it. Lines are those
 * of the variants' own files (graders/<id>/corpus/<variant>/).
 */
let engine: Engine;
const materialised: string[] = [];
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => Promise.all(materialised.map((dir) => rm(dir, { recursive: true, force: true }))));

async function gradeVariant(exerciseId: string, name: string): Promise<GradeResult> {
  const exercise = await loadExercise(exerciseId);
  const variant = (await listVariants(exerciseId)).find((candidate) => candidate.name === name);
  if (!variant) throw new Error(`no variant ${name} for ${exerciseId}`);
  const dir = await materialiseVariant(join(exercise.dir, "solution"), variant);
  materialised.push(dir);
  const result = await gradeSubmission({ engine, exercise, suite: await loadGraderSuite(exerciseId), submissionPath: dir, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

/** Every check that did not pass, with where it points; passed and skipped checks point nowhere. */
function locations(result: GradeResult): Record<string, SourceLocation | undefined> {
  for (const check of result.checks.filter((check) => check.status === "passed" || check.status === "skipped")) {
    expect(check.location, `${check.id} (${check.status})`).toBeUndefined();
  }
  return Object.fromEntries(result.checks.filter((check) => check.status === "failed").map((check) => [check.id, check.location]));
}

describe("05-build/01-multi-stage: failed image checks point into the Dockerfile", () => {
  it("no USER: both user checks point at the final stage's FROM (line 28), where USER belongs", { timeout: 600_000 }, async () => {
    const result = await gradeVariant("05-build/01-multi-stage", "no-user");
    expect(locations(result)).toEqual({
      "user-configured": { file: "Dockerfile", line: 28 },
      "user-runtime": { file: "Dockerfile", line: 28 },
    });
  });

  it("an untagged base: base-pinned points at that FROM (line 28), not at the pinned build stage (line 7)", { timeout: 600_000 }, async () => {
    const result = await gradeVariant("05-build/01-multi-stage", "unpinned-base");
    expect(locations(result)).toEqual({ "base-pinned": { file: "Dockerfile", line: 28 } });
  });

  it("a failing build: the build check points at the RUN BuildKit names (line 22)", { timeout: 600_000 }, async () => {
    const result = await gradeVariant("05-build/01-multi-stage", "broken-build");
    expect(locations(result)).toEqual({ build: { file: "Dockerfile", line: 22 } });
  });
});

describe("06-compose/01-web-api-db: failed Compose checks point into compose.yaml", () => {
  it("web without a healthcheck: the healthchecks check points at the `web:` line (35)", { timeout: 600_000 }, async () => {
    const result = await gradeVariant("06-compose/01-web-api-db", "no-web-healthcheck");
    expect(locations(result)).toEqual({ healthchecks: { file: "compose.yaml", line: 35 } });
  });
});
