import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConcurrency } from "../../../harness/batch/run-batch.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { listExerciseIds, loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { listVariants, materialiseVariant, type Variant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";
import { LookaheadQueue } from "../../support/lookahead-queue.ts";

/**
 * Every exercise is proven by its corpus: the solution earns full marks, the starter less than
 * half, and each known-bad variant loses exactly the checks it targets. Every grading leaves
 * nothing behind on the engine.
 *
 * The cases are graded as a class batch grades students, as many at once as the batch would on this
 * engine (its CPUs): while one case waits on a container, the next one builds. The tests still read
 * one case each, in order.
 */
interface CorpusCase {
  readonly key: string;
  readonly exerciseId: string;
  /** The submission's folder, or the variant laid over the solution. */
  readonly submission: { readonly dir: string } | { readonly solutionDir: string; readonly variant: Variant };
}

interface GradedCase {
  readonly result: GradeResult;
  readonly leftovers: string[];
}

const exercises = await Promise.all(
  (await listExerciseIds()).map(async (exerciseId) => {
    const exerciseDir = (await loadExercise(exerciseId)).dir;
    const solutionDir = join(exerciseDir, "solution");
    const starterDir = join(exerciseDir, "starter");
    const variants = await listVariants(exerciseId);
    const cases: CorpusCase[] = [
      { key: `${exerciseId} solution`, exerciseId, submission: { dir: solutionDir } },
      { key: `${exerciseId} starter`, exerciseId, submission: { dir: starterDir } },
      ...variants.map((variant) => ({ key: `${exerciseId} variant ${variant.name}`, exerciseId, submission: { solutionDir, variant } })),
    ];
    return { exerciseId, variants, cases };
  }),
);
const casesByKey = new Map(exercises.flatMap(({ cases }) => cases.map((entry) => [entry.key, entry] as const)));

let engine: Engine;
let queue: LookaheadQueue<GradedCase>;
beforeAll(async () => {
  engine = await connect();
  queue = new LookaheadQueue([...casesByKey.keys()], (key) => gradeCase(casesByKey.get(key) as CorpusCase), defaultConcurrency(await engine.info()));
});
afterAll(() => queue.drain());

async function gradeCase({ exerciseId, submission }: CorpusCase): Promise<GradedCase> {
  const dir = "dir" in submission ? submission.dir : await materialiseVariant(submission.solutionDir, submission.variant);
  try {
    const exercise = await loadExercise(exerciseId);
    const result = await gradeSubmission({ engine, exercise, suite: await loadGraderSuite(exerciseId), submissionPath: dir, lang: "en" });
    return { result, leftovers: await leftovers(engine, result.runId) };
  } finally {
    if (!("dir" in submission)) await rm(dir, { recursive: true, force: true });
  }
}

async function graded(key: string): Promise<GradeResult> {
  const { result, leftovers } = await queue.take(key);
  expect(leftovers).toEqual([]);
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

describe.each(exercises.map((exercise) => [exercise.exerciseId, exercise] as const))("exercise %s", (_, { exerciseId, variants }) => {
  it("the solution earns full marks", { timeout: 600_000 }, async () => {
    const result = await graded(`${exerciseId} solution`);
    expect(result.failure).toBeUndefined();
    expect(notPassed(result), explain(result)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  });

  it("the starter earns less than half", { timeout: 900_000 }, async () => {
    const result = await graded(`${exerciseId} starter`);
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
    const result = await graded(`${exerciseId} variant ${variant.name}`);
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
