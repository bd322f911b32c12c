import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import { EXERCISE_LABEL } from "../../../harness/kernel/run-labels.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { listVariants, materialiseVariant } from "../../support/corpus.ts";
import { leftovers } from "../../support/leftovers.ts";

const EXERCISE_ID = "05-build/01-multi-stage";
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

it("a run cancelled while its container is up stops at once, skips the rest and leaves nothing", { timeout: 120_000 }, async () => {
  const engine = await connect();
  const exercise = await loadExercise(EXERCISE_ID);
  // The unhealthy variant keeps the healthcheck check waiting: a run that is surely mid-way.
  const variant = (await listVariants(EXERCISE_ID)).find((candidate) => candidate.name === "unhealthy");
  if (!variant) throw new Error("the unhealthy variant is missing from the corpus");
  const dir = await materialiseVariant(join(exercise.dir, "solution"), variant);
  dirs.push(dir);
  const controller = new AbortController();
  const started = Date.now();
  const grading = gradeSubmission({
    engine,
    exercise,
    suite: await loadGraderSuite(EXERCISE_ID),
    submissionPath: dir,
    lang: "en",
    signal: controller.signal,
  });
  // Cancel once the app container exists, as a user's Ctrl-C would.
  for (let waited = 0; (await engine.containers.listByLabel(EXERCISE_LABEL, EXERCISE_ID)).length === 0; waited += 200) {
    if (waited > 60_000) throw new Error("the app container never started");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  controller.abort();
  const result = await grading;
  expect(Date.now() - started).toBeLessThan(60_000);
  const healthy = result.checks.find((check) => check.id === "healthcheck-healthy");
  expect(healthy?.status).toBe("skipped");
  expect(healthy?.message).toContain("cancelled");
  expect(result.checks.at(-1)?.status).toBe("skipped");
  expect(await leftovers(engine, result.runId)).toEqual([]);
});
