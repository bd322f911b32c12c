import { generateKeyPairSync } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { defineCheck } from "../../../harness/checks/define-check.ts";
import { builtImage, runImageTag } from "../../../harness/checks/shared-setup/built-image.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import { passed } from "../../../harness/kernel/check.ts";
import { COURSE } from "../../../harness/kernel/course-outline.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { text } from "../../../harness/kernel/text.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * The secret scan runs on every image a grading run builds, not only where a grader scores
 * `no-secret-in-layers`: neither 05-build/01 nor 06-compose/01 does. A key copied by one line and
 * deleted by the next is a finding at the COPY line, and costs no point.
 */
let engine: Engine;
const scratch = await mkdtemp(join(tmpdir(), "dockgrade-secrets-every-image-"));
/** Made for this test run, never committed: the scan must know it by its PEM header alone. */
const { privateKey } = generateKeyPairSync("ed25519", {
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

beforeAll(async () => {
  engine = await connect();
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A copy of the exercise's solution whose `dockerfile` copies a key in one layer and deletes it in the next, before its USER. */
async function leakyCopy(id: string, dockerfile: string): Promise<{ dir: string; copyLine: number }> {
  const exercise = await loadExercise(id);
  const dir = join(scratch, id.replace("/", "_"));
  await cp(join(exercise.dir, "solution"), dir, { recursive: true });
  const path = join(dir, dockerfile);
  await writeFile(join(path, "..", "deploy_id"), privateKey);
  const source = await readFile(path, "utf8");
  const leaky = source.replace(/^USER /m, "COPY deploy_id /tmp/deploy_id\nRUN rm /tmp/deploy_id\nUSER ");
  expect(leaky).not.toBe(source);
  await writeFile(path, leaky);
  return { dir, copyLine: leaky.split("\n").indexOf("COPY deploy_id /tmp/deploy_id") + 1 };
}

async function grade(id: string, dir: string, suite = loadGraderSuite(id)): Promise<GradeResult> {
  const result = await gradeSubmission({ engine, exercise: await loadExercise(id), suite: await suite, submissionPath: dir, lang: "en" });
  expect(await leftovers(engine, result.runId)).toEqual([]);
  expect(result.failure).toBeUndefined();
  return result;
}

const secretsOf = (result: GradeResult) =>
  (result.findings ?? [])
    .filter(({ kind }) => kind === "secret")
    .map(({ rule, severity, file, line, path, check }) => ({ rule, severity, file, line, path, check }));

describe("the secret scan of every built image", () => {
  it("finds a deleted key in 05-build/01's image, at its COPY line, at full marks", { timeout: 300_000 }, async () => {
    const { dir, copyLine } = await leakyCopy("05-build/01-multi-stage", "Dockerfile");
    const result = await grade("05-build/01-multi-stage", dir);
    expect(secretsOf(result)).toEqual([
      { rule: "secret/private-key", severity: "error", file: "Dockerfile", line: copyLine, path: "/tmp/deploy_id", check: undefined },
    ]);
    expect(result.score).toBe(result.maxScore);
    expect(result.images?.map(({ name }) => name)).toEqual(["image"]);
  });

  it("finds it in one Compose service's image of 06-compose/01, at full marks", { timeout: 300_000 }, async () => {
    const { dir, copyLine } = await leakyCopy("06-compose/01-web-api-db", "api/Dockerfile");
    const result = await grade("06-compose/01-web-api-db", dir);
    expect(secretsOf(result)).toEqual([
      { rule: "secret/private-key", severity: "error", file: "api/Dockerfile", line: copyLine, path: "/tmp/deploy_id", check: undefined },
    ]);
    expect(result.score).toBe(result.maxScore);
    expect(result.images?.map(({ name }) => name)).toEqual(["api", "db", "web"]);
  });

  it("says so when the image is gone before the scan, and the run still grades", { timeout: 300_000 }, async () => {
    const id = "05-build/01-multi-stage";
    const exercise = await loadExercise(id);
    const removed = defineCheck({
      id: "image-removed",
      title: text("Image retirée", "Image removed"),
      points: 1,
      needs: ["build"],
      course: COURSE.build.buildkitMounts,
      hint: text("", ""),
      async run(ctx) {
        await ctx.use(builtImage);
        await ctx.engine.images.remove(runImageTag(ctx.runId), { force: true });
        return passed(text("retirée", "removed"));
      },
    });
    const result = await grade(id, join(exercise.dir, "solution"), Promise.resolve(defineGrader((ex) => [buildCheck(ex), removed])));
    expect(result.checks.map(({ status }) => status)).toEqual(["passed", "passed"]);
    expect(secretsOf(result)).toEqual([
      { rule: "secret/not-scanned", severity: "info", file: "Dockerfile", line: undefined, path: undefined, check: undefined },
    ]);
    expect(result.images ?? []).toEqual([]);
  });
});
