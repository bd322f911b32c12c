import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { imageHygieneCheck, layerEfficiencyCheck, layerSecretsCheck } from "../../../harness/checks/image/layer-checks.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { renderHtml } from "../../../harness/report/html.ts";
import { leftovers } from "../../support/leftovers.ts";

/** The three layer checks in a real grading run of the 05-build exercise, solution and a leaky copy. */
const suite = defineGrader((exercise) => [buildCheck(exercise), layerSecretsCheck(), imageHygieneCheck(), layerEfficiencyCheck({ minEfficiency: 0.95 })]);

let engine: Engine;
let exercise: Exercise;
const scratch = await mkdtemp(join(tmpdir(), "dockgrade-layer-checks-"));

beforeAll(async () => {
  engine = await connect();
  exercise = await loadExercise("05-build/01-multi-stage");
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function grade(path: string) {
  const result = await gradeSubmission({ engine, exercise, suite, submissionPath: path, lang: "fr" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

describe("layer checks in a grading run", () => {
  it("pass on the solution, and put its layers in the result", { timeout: 300_000 }, async () => {
    const result = await grade(join(exercise.dir, "solution"));
    expect(result.checks.map(({ id, status }) => [id, status])).toEqual([
      ["build", "passed"],
      ["no-secret-in-layers", "passed"],
      ["image-hygiene", "passed"],
      ["layer-efficiency", "passed"],
    ]);
    expect(result.findings ?? []).toEqual([]);
    const lines = (await readFile(join(exercise.dir, "solution", "Dockerfile"), "utf8")).split("\n");
    const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;
    expect(result.images?.[0]?.layers.map(({ instruction, line }) => [instruction.split(" ")[0], line])).toEqual([
      ["FROM", lineOf("FROM busybox")],
      ["COPY", lineOf("COPY --from=build")],
    ]);
  });

  it("fail on a copy that writes a key and a .git into layers, at the lines that did", { timeout: 300_000 }, async () => {
    const dir = join(scratch, "leaky");
    await cp(join(exercise.dir, "solution"), dir, { recursive: true });
    const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
    const leaky = dockerfile.replace(
      "USER 10001:10001",
      [
        "RUN echo '-----BEGIN EC PRIVATE KEY-----' > /tmp/deploy.key && mkdir -p /srv/.git && echo ref > /srv/.git/HEAD",
        "RUN rm /tmp/deploy.key",
        "USER 10001:10001",
      ].join("\n"),
    );
    await writeFile(join(dir, "Dockerfile"), leaky);
    const keyLine = leaky.split("\n").findIndex((line) => line.includes("BEGIN EC PRIVATE KEY")) + 1;
    const result = await grade(dir);
    const status = Object.fromEntries(result.checks.map(({ id, status, location }) => [id, { status, line: location?.line }]));
    expect(status["no-secret-in-layers"]).toEqual({ status: "failed", line: keyLine });
    expect(status["image-hygiene"]).toEqual({ status: "failed", line: keyLine });
    // In the result's order: file, line, then rule.
    expect(result.findings?.map(({ kind, rule, line }) => [kind, rule, line])).toEqual([
      ["content", "content/git", keyLine],
      ["secret", "secret/private-key", keyLine],
      ["waste", "waste/overwritten-or-deleted", keyLine],
    ]);
    const html = renderHtml(result);
    expect(html).toContain(`<code>Dockerfile:${keyLine}</code>`);
    expect(html).toContain("Secrets dans les couches");
  });
});
