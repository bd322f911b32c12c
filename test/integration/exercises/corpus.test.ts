import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { listExerciseIds, loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { listVariants, materialiseVariant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * Every exercise is proven by its corpus: the solution earns full marks, the starter less than
 * half, and each known-bad variant loses exactly the checks it targets. Every grading leaves
 * nothing behind on the engine.
 */
const exerciseIds = await listExerciseIds();

let engine: Engine;
beforeAll(async () => {
  engine = await connect();
});

async function grade(exerciseId: string, path: string): Promise<GradeResult> {
  const exercise = await loadExercise(exerciseId);
  const result = await gradeSubmission({ engine, exercise, suite: await loadGraderSuite(exerciseId), submissionPath: path, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

function notPassed(result: GradeResult): string[] {
  return result.checks
    .filter((check) => check.status !== "passed")
    .map((check) => check.id)
    .sort();
}

function explain(result: GradeResult): string {
  return result.checks.map((check) => `${check.id}: ${check.status} ${check.message}`).join("\n");
}

describe.each(exerciseIds)("exercise %s", async (exerciseId) => {
  const exerciseDir = (await loadExercise(exerciseId)).dir;
  const solutionDir = join(exerciseDir, "solution");
  const variants = await listVariants(exerciseId);
  const materialised: string[] = [];
  afterAll(() => Promise.all(materialised.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("the solution earns full marks", { timeout: 600_000 }, async () => {
    const result = await grade(exerciseId, solutionDir);
    expect(result.failure).toBeUndefined();
    expect(notPassed(result), explain(result)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  });

  it("the starter earns less than half", { timeout: 900_000 }, async () => {
    const result = await grade(exerciseId, join(exerciseDir, "starter"));
    expect(result.checks.find((check) => check.id === "build")?.status, explain(result)).not.toBe("error");
    expect(
      result.checks.filter((check) => check.status === "error"),
      explain(result),
    ).toEqual([]);
    expect(result.score).toBeLessThan(result.maxScore / 2);
  });

  it("has at least four known-bad variants", () => {
    expect(variants.length).toBeGreaterThanOrEqual(4);
  });

  it.each(variants.map((variant) => [variant.name, variant] as const))("variant %s loses exactly its checks", { timeout: 600_000 }, async (_, variant) => {
    const dir = await materialiseVariant(solutionDir, variant);
    materialised.push(dir);
    const result = await grade(exerciseId, dir);
    const known = result.checks.map((check) => check.id);
    expect(
      variant.loses.filter((id) => !known.includes(id)),
      "variant.yaml names unknown checks",
    ).toEqual([]);
    expect(notPassed(result), `${variant.description}\n${explain(result)}`).toEqual([...variant.loses].sort());
    expect(
      result.checks.filter((check) => check.status === "error"),
      explain(result),
    ).toEqual([]);
  });
});
