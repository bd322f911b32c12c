import { appendFile, cp, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { newRunId } from "../../../harness/grading/grade-submission.ts";
import { lintSubmissionDockerfiles } from "../../../harness/lint/submission-dockerfiles.ts";
import { planSubmission } from "../../../harness/preflight/run-preflight.ts";
import type { Submission } from "../../../harness/submission/submission.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { loadSubmission } from "../../../harness/submission/load-submission.ts";

let engine: Engine;
let scratch: string;

beforeAll(async () => {
  engine = await connect();
  scratch = await mkdtemp(join(tmpdir(), "dockgrade-lint-submission-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The lint pass of a grading run on a folder; `docker compose config` only reads files, nothing is created on the engine. */
async function lint(exerciseId: string, path: string) {
  const exercise = await loadExercise(exerciseId);
  const submission = await loadSubmission(path, exercise);
  const findings = await lintPlanned(exercise, submission);
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`);
}

/** The lint of the submission's preflight plan (the policy accepts these submissions). */
async function lintPlanned(exercise: Exercise, submission: Submission) {
  const checked = await planSubmission({ engine, exercise, submission, runId: newRunId() });
  if (!checked.ok) throw new Error(`the policy refused ${submission.root}`);
  return lintSubmissionDockerfiles(checked.plan, exercise);
}

describe("lintSubmissionDockerfiles", () => {
  it("lints the Dockerfile of an exercise the grader builds, named relative to the submission", async () => {
    const found = await lint("05-build/01-multi-stage", "exercises/05-build/01-multi-stage/starter");
    expect(found).toEqual(expect.arrayContaining(["Dockerfile:8 DG3050", "Dockerfile:15 DG3021"]));
    expect(await lint("05-build/01-multi-stage", "exercises/05-build/01-multi-stage/solution")).toStrictEqual([]);
  });

  it("finds each Compose service's Dockerfile in the resolved model, and leaves the ones the exercise provides unchanged out with a note", async () => {
    const found = await lint("06-compose/01-web-api-db", "exercises/06-compose/01-web-api-db/solution");
    expect(found).toStrictEqual(["api/Dockerfile:1 DG3091", "db/Dockerfile:1 DG3091", "web/Dockerfile:1 DG3091"]);
  });

  it("reads the build context's .dockerignore, and the Dockerfile's own before it, so a COPY of an excluded file is DG3140 at its line", async () => {
    const root = join(scratch, "ignored-copy");
    await cp("exercises/05-build/01-multi-stage/solution", root, { recursive: true });
    await appendFile(join(root, ".dockerignore"), "src/server.c\n");
    expect(await lint("05-build/01-multi-stage", root)).toStrictEqual(["Dockerfile:18 DG3140"]);
    // BuildKit reads `<Dockerfile>.dockerignore` instead of the context's when there is one.
    await writeFile(join(root, "Dockerfile.dockerignore"), "**/*.md\n");
    expect(await lint("05-build/01-multi-stage", root)).toStrictEqual([]);
  });

  it("reads each Compose service's .dockerignore in its build context", async () => {
    const root = join(scratch, "ignored-compose");
    await cp("exercises/06-compose/01-web-api-db/solution", root, { recursive: true });
    // A changed provided Dockerfile is linted (DG3092 first), with its context's .dockerignore.
    await appendFile(join(root, "api", "Dockerfile"), "# changed\n");
    await writeFile(join(root, "api", ".dockerignore"), "db-auth.sh\n");
    const found = await lint("06-compose/01-web-api-db", root);
    expect(found).toContain("api/Dockerfile:1 DG3092");
    expect(found.filter((finding) => finding.endsWith("DG3140"))).toStrictEqual(["api/Dockerfile:4 DG3140"]);
  });

  it("does not read a Dockerfile that leads outside the submission, even when handed one", async () => {
    const root = join(scratch, "submission");
    await mkdir(root);
    const elsewhere = join(scratch, "elsewhere.Dockerfile");
    await writeFile(elsewhere, "FROM debian\nENV API_TOKEN=tk_0123456789\n");
    await symlink(elsewhere, join(root, "Dockerfile"));
    const exercise = await loadExercise("05-build/01-multi-stage");
    // Loading refuses such a link first; this pass must hold on its own all the same.
    const submission = { root: await realpath(root), files: new Map(), contextDir: root, dockerfile: join(root, "Dockerfile") };
    expect(await lintPlanned(exercise, submission)).toStrictEqual([]);
    await rm(join(root, "Dockerfile"));
    await writeFile(join(root, "Dockerfile"), "FROM debian\nENV API_TOKEN=tk_0123456789\n");
    expect((await lintPlanned(exercise, submission)).map((finding) => finding.rule)).toContain("DG3050");
  });
});
