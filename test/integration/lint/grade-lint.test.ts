import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";

const EXERCISE = "05-build/01-multi-stage";
let engine: Engine;
let scratch: string;

beforeAll(async () => {
  engine = await connect();
  scratch = await mkdtemp(join(tmpdir(), "dockgrade-grade-lint-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A grading run without checks: load, policy, base images and the lint pass, nothing built. */
async function grade(path: string) {
  const exercise = await loadExercise(EXERCISE);
  return gradeSubmission({ engine, exercise, suite: () => [], submissionPath: path, lang: "fr" });
}

describe("the lint pass of a grading run", () => {
  it("puts the Dockerfile's lint findings in the result, localized, with their course section", async () => {
    const result = await grade(`exercises/${EXERCISE}/starter`);
    expect(result.failure).toBeUndefined();
    const secret = result.findings?.find((finding) => finding.rule === "DG3050");
    expect(secret).toMatchObject({ kind: "lint", severity: "error", file: "Dockerfile", line: 8, column: 5 });
    expect(secret?.message).toContain("met un secret dans l'image");
    expect(secret?.course).toMatch(/^08 — Modèle de menace et gestion des secrets/);
    expect(result.timings.map((timing) => timing.phase)).toContain("lint");
  });

  it("does not lint a submission the policy refuses", async () => {
    const copy = join(scratch, "refused");
    await cp(`exercises/${EXERCISE}/starter`, copy, { recursive: true });
    const dockerfile = join(copy, "Dockerfile");
    await writeFile(dockerfile, `# syntax=example.com/frontend:1\n${await readFile(dockerfile, "utf8")}`);
    const result = await grade(copy);
    expect(result.failure?.code).toBe("policy-refused");
    expect(result.findings ?? []).toStrictEqual([]);
  });
});
