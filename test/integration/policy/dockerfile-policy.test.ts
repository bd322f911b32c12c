import { cp, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { newRunId } from "../../../harness/grading/grade-submission.ts";
import { prepareCompose } from "../../../harness/preflight/compose-preflight.ts";
import { prepareBuilds } from "../../../harness/preflight/dockerfile-preflight.ts";
import { planSubmission } from "../../../harness/preflight/run-preflight.ts";
import type { PolicyViolation } from "../../../harness/policy/violation.ts";
import { loadSubmission } from "../../../harness/submission/load-submission.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";

/**
 * Hostile Dockerfiles, each in a copy of the multi-stage exercise's solution (and, for Compose, a
 * small project): the policy names the rule, the file and the line before anything is built.
 */
const dirs = new ProjectDirs();
const copies: string[] = [];
let engine: Engine;
let multiStage: Exercise;
beforeAll(async () => {
  engine = await connect();
  multiStage = await loadExercise("05-build/01-multi-stage");
});
afterAll(() => Promise.all([dirs.cleanUp(), ...copies.map((dir) => rm(dir, { recursive: true, force: true }))]));

async function solutionWith(dockerfile: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-policy-"));
  copies.push(dir);
  await cp(join(multiStage.dir, "solution"), dir, { recursive: true });
  await writeFile(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

/** The Dockerfile pass alone, on the images the preflight lists (a Compose project as its Compose pass resolved it). */
async function policyOf(exercise: Exercise, dir: string): Promise<readonly PolicyViolation[]> {
  const submission = await loadSubmission(dir, exercise);
  const compose = exercise.compose ? (await prepareCompose({ engine, exercise, submission, runId: newRunId() })).plan : undefined;
  return (await prepareBuilds(exercise, submission, compose)).violations;
}

describe("the exercise's Dockerfile", () => {
  it("passes the solution as it is", async () => {
    expect(await policyOf(multiStage, join(multiStage.dir, "solution"))).toEqual([]);
  });

  it("refuses a PNG renamed Dockerfile as a binary file", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from("IHDR"), Buffer.alloc(64, 7)]);
    const [violation, ...rest] = await policyOf(multiStage, await solutionWith(png));
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ rule: "binary-file", file: "Dockerfile", line: 3 });
    expect(violation?.message.fr).toContain("n'est pas un Dockerfile");
  });

  it("refuses a Dockerfile saved as Latin-1, naming the first line with an accent", async () => {
    const solution = await readFile(join(multiStage.dir, "solution", "Dockerfile"), "utf8");
    const violations = await policyOf(multiStage, await solutionWith(Buffer.from(solution, "latin1")));
    expect(violations).toMatchObject([{ rule: "not-utf8", file: "Dockerfile", line: 2, setting: expect.stringContaining("Étape 1") }]);
  });

  it("refuses a `# syntax=` naming a frontend of its own, and lets an exercise allow it by name", async () => {
    const dir = await solutionWith('# syntax=ghcr.io/evil/frontend:latest\nFROM busybox:1.37\nCMD ["true"]\n');
    expect(await policyOf(multiStage, dir)).toMatchObject([
      { rule: "dockerfile-syntax", file: "Dockerfile", line: 1, setting: "# syntax=ghcr.io/evil/frontend:latest" },
    ]);
    const submission = await loadSubmission(dir, multiStage);
    const allowing = { ...multiStage, policy: { ...multiStage.policy, allow: ["dockerfile-syntax"] } };
    expect(await planSubmission({ engine, exercise: allowing, submission, runId: newRunId() })).toMatchObject({ ok: true });
  });

  it("lets Docker's own frontend through", async () => {
    expect(await policyOf(multiStage, await solutionWith("# syntax=docker/dockerfile:1.7\nFROM busybox:1.37\n"))).toEqual([]);
  });

  it("refuses notes saved as the Dockerfile", async () => {
    const violations = await policyOf(multiStage, await solutionWith("Pour construire l'image il faut partir de busybox\npuis copier le serveur.\n"));
    expect(violations).toMatchObject([{ rule: "not-a-dockerfile", line: 1, setting: "Pour construire l'image il faut partir de busybox" }]);
  });

  it("does not read a Dockerfile the size of a disk image", async () => {
    const dir = await solutionWith("");
    await truncate(join(dir, "Dockerfile"), 8 * 1024 ** 3);
    const started = Date.now();
    expect(await policyOf(multiStage, dir)).toMatchObject([{ rule: "dockerfile-too-large", file: "Dockerfile" }]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("a Compose project's Dockerfiles", () => {
  it("checks each service's Dockerfile, its dockerfile_inline and its BUILDKIT_SYNTAX build arg", async () => {
    const dir = await dirs.create({
      "compose.yaml": [
        "services:",
        "  api:",
        "    build: ./api",
        "  web:",
        "    build:",
        "      context: ./web",
        "      args:",
        "        BUILDKIT_SYNTAX: evil/frontend:1",
        "  inline:",
        "    build:",
        "      context: .",
        "      dockerfile_inline: |",
        "        // syntax=evil/inline",
        "        FROM busybox:1.37",
        "  same:",
        "    build: ./api",
        "",
      ].join("\n"),
      "api/Dockerfile": "# syntax = evil/api\nFROM busybox:1.37\n",
      "web/Dockerfile": "FROM busybox:1.37\n",
    });
    const violations = await policyOf(composeExercise(dir), dir);
    expect(violations.map(({ rule, file, line, setting }) => ({ rule, file, line, setting }))).toEqual([
      { rule: "dockerfile-syntax", file: "api/Dockerfile", line: 1, setting: "# syntax = evil/api" },
      { rule: "dockerfile-syntax", file: "compose.yaml", line: undefined, setting: "services.inline.build.dockerfile_inline: // syntax=evil/inline" },
      { rule: "dockerfile-syntax", file: "compose.yaml", line: 8, setting: "services.web.build.args.BUILDKIT_SYNTAX: evil/frontend:1" },
    ]);
  });

  it("skips a project Compose cannot resolve: the compose-valid check reports it", async () => {
    const dir = await dirs.create({ "compose.yaml": "services: [this is not a map\n" });
    expect(await policyOf(composeExercise(dir), dir)).toEqual([]);
  });
});
