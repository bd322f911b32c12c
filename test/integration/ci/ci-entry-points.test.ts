import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { EXERCISES_ROOT, PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";
import { leftovers } from "../../support/leftovers.ts";
import { activeCommands, insertLine, runScript } from "./pull-request-repo.ts";

const scratch = await mkdtemp(join(tmpdir(), "dockgrade-ci-entry-"));
const workspace = join(scratch, "workspace");
const submission = join(workspace, "tp02");
let privilegedLine = 0;
const runIds: string[] = [];

beforeAll(async () => {
  // A student's copy of a starter asking for a privileged container: refused before anything runs.
  await cp(join(EXERCISES_ROOT, "02-containers/01-graceful-stop/starter"), submission, { recursive: true });
  privilegedLine = await insertLine(join(submission, "compose.yaml"), "build: .", "    privileged: true");
});

afterAll(async () => {
  const engine = await connect();
  for (const runId of runIds) expect(await leftovers(engine, runId)).toStrictEqual([]);
  await rm(scratch, { recursive: true, force: true });
});

describe("npm run grade on GitHub Actions", () => {
  it("annotates the refused line from the workspace root, on stderr, leaving the JSON on stdout alone", { timeout: 120_000 }, async () => {
    const run = await runScript(`npm run --silent grade -- --json "$SUBMISSION"`, PROJECT_ROOT, {
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      SUBMISSION: submission,
    });
    expect(run.exitCode, run.stderr).toBe(2);
    const result = JSON.parse(run.stdout) as GradeResult;
    runIds.push(result.runId);
    expect(activeCommands(run.stderr).filter((line) => line.startsWith("::error"))).toContainEqual(
      expect.stringMatching(new RegExp(`^::error file=tp02/compose\\.yaml,line=${privilegedLine},title=`)),
    );
  });
});

describe("Gradescope's run_autograder", () => {
  async function autograder(env: Record<string, string> = {}): Promise<{ exitCode: number; results: { score: number; output: string; tests: unknown[] } }> {
    const root = join(scratch, `autograder-${Object.keys(env).length}`);
    await mkdir(join(root, "results"), { recursive: true });
    await symlink(PROJECT_ROOT, join(root, "source"));
    await cp(submission, join(root, "submission"), { recursive: true });
    const run = await runScript("bash ci/gradescope/run_autograder", PROJECT_ROOT, { AUTOGRADER_ROOT: root, DOCKGRADE_LANG: "en", ...env });
    const results = JSON.parse(await readFile(join(root, "results/results.json"), "utf8")) as { score: number; output: string; tests: unknown[] };
    return { exitCode: run.exitCode, results };
  }

  it("copies the grader's gradescope.json to results/results.json, refusal and reason included", { timeout: 120_000 }, async () => {
    const { exitCode, results } = await autograder();
    expect(exitCode).toBe(0);
    expect(results.score).toBe(0);
    expect(results.output).toContain(`compose.yaml:${privilegedLine}`);
  });

  it("still leaves a results.json that says why when the grader cannot run", { timeout: 120_000 }, async () => {
    const { exitCode, results } = await autograder({ DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(exitCode).toBe(0);
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toContain("exit code 3");
  });
});
