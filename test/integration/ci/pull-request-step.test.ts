import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { connect } from "../../../harness/engine/connect.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";
import { renderResultSummary } from "../../../harness/report/markdown-summary.ts";
import { leftovers } from "../../support/leftovers.ts";
import { activeCommands, courseRepository, insertLine, runScript, studentBranch, type ScriptRun } from "./pull-request-repo.ts";

const BUILD = "exercises/05-build/01-multi-stage";
const COMPOSE = "exercises/02-containers/01-graceful-stop";
const OUT = "reports/out/pr";

/** The `run:` of the workflow's step `grade`, and the GitLab job's `script`, exactly as committed. */
const workflow = parse(await readFile(join(PROJECT_ROOT, "ci/github/grade-pull-request.yml"), "utf8")) as {
  jobs: { grade: { steps: { id?: string; run?: string }[] } };
};
const githubStep = workflow.jobs.grade.steps.find((step) => step.id === "grade")?.run ?? "";
const gitlabJob = parse(await readFile(join(PROJECT_ROOT, "ci/gitlab/grade-merge-request.gitlab-ci.yml"), "utf8")) as Record<string, { script: string[] }>;
const gitlabScript = (gitlabJob["grade-merge-request"]?.script ?? []).join("\n");

const scratch = await mkdtemp(join(tmpdir(), "dockgrade-pr-"));
let checkout = "";
let secretLine = 0;
let privilegedLine = 0;
const runIds: string[] = [];

beforeAll(async () => {
  checkout = await courseRepository(scratch);
  // The graded branch: the solution with a token in ENV, plus changes that are not the student's work.
  await studentBranch(checkout, "secret", async (dir) => {
    await cp(join(dir, BUILD, "solution"), join(dir, BUILD, "starter"), { recursive: true, force: true });
    secretLine = await insertLine(join(dir, BUILD, "starter/Dockerfile"), "FROM busybox:1.37", "ENV API_TOKEN=tk_prod_7f3a9c2e5b8d41f6a0c3e9b7d2f5a8c1");
    await writeFile(join(dir, "README.md"), "# Mon cours\n");
    await writeFile(join(dir, COMPOSE, "solution/notes.txt"), "not graded\n");
  });
  await studentBranch(checkout, "privileged", async (dir) => {
    privilegedLine = await insertLine(join(dir, COMPOSE, "starter/compose.yaml"), "build: .", "    privileged: true");
  });
  await studentBranch(checkout, "readme", async (dir) => writeFile(join(dir, "README.md"), "# Rien à corriger\n"));
});

afterAll(async () => {
  // The grader removes what it started; nothing of its runs may be left.
  const engine = await connect();
  for (const runId of runIds) expect(await leftovers(engine, runId)).toStrictEqual([]);
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the workflow's grade step on `branch` with the variables GitHub sets. */
async function githubRun(branch: string, env: Record<string, string> = {}): Promise<ScriptRun & { summary: string; outputs: string }> {
  await rm(join(checkout, OUT), { recursive: true, force: true });
  await runScript(`git checkout --quiet ${branch}`, checkout, {});
  const summaryFile = join(scratch, `summary-${branch}.md`);
  const outputFile = join(scratch, `output-${branch}.txt`);
  await writeFile(summaryFile, "");
  await writeFile(outputFile, "");
  const run = await runScript(githubStep, checkout, {
    GITHUB_ACTIONS: "true",
    GITHUB_BASE_REF: "main",
    GITHUB_WORKSPACE: checkout,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    DOCKGRADE_THRESHOLD: "",
    DOCKGRADE_LANG: "",
    ...env,
  });
  return { ...run, summary: await readFile(summaryFile, "utf8"), outputs: await readFile(outputFile, "utf8") };
}

async function resultOf(folder: string): Promise<GradeResult> {
  const result = JSON.parse(await readFile(join(checkout, OUT, folder, "result.json"), "utf8")) as GradeResult;
  runIds.push(result.runId);
  return result;
}

describe("the pull-request workflow's grade step", () => {
  it("grades the one exercise the branch changed, annotates the lines at fault, and fails below the threshold", { timeout: 600_000 }, async () => {
    const run = await githubRun("secret");
    expect(run.exitCode, run.stderr).toBe(1);
    const result = await resultOf("05-build-01-multi-stage");
    expect(result.lang).toBe("fr");
    const failed = result.checks.filter((check) => check.status === "failed");
    expect(failed.map((check) => check.id)).toContain("no-secrets");

    // One annotation per failed check, on its file from the repository root and its exact line.
    const annotations = activeCommands(run.stdout).filter((line) => line.startsWith("::error") || line.startsWith("::warning"));
    const placed = annotations.map((line) => /^::error file=([^,]+)(?:,line=(\d+))?,title=/.exec(line)?.slice(1, 3));
    expect(placed).toStrictEqual(
      failed.map((check) => [
        `${BUILD}/starter/${check.location?.file ?? "Dockerfile"}`,
        check.location?.line === undefined ? undefined : String(check.location.line),
      ]),
    );
    expect(failed.find((check) => check.id === "no-secrets")?.location).toStrictEqual({ file: "Dockerfile", line: secretLine });
    // Everything else the step printed, the checks' own words included, is inside a stop-commands block.
    expect(activeCommands(run.stdout)).toStrictEqual(annotations);
    expect(run.stdout).toContain("::stop-commands::");

    expect(run.summary).toBe(await readFile(join(checkout, OUT, "summary.md"), "utf8"));
    expect(run.summary.startsWith("## Correction de la pull request\n\nSeuil\u00a0: 100\u00a0% — ❌ non atteint\n")).toBe(true);
    expect(run.summary).toContain(renderResultSummary(result));
    expect(run.outputs).toBe(`score=${result.score}\nmax=${result.maxScore}\npassed=false\n`);

    const sarif = JSON.parse(await readFile(join(checkout, OUT, "results.sarif"), "utf8")) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[];
    };
    const secret = sarif.runs[0]?.results.find((finding) => finding.ruleId === "no-secrets");
    expect(secret?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: `${BUILD}/starter/Dockerfile` },
      region: { startLine: secretLine },
    });
    expect(sarif.runs[0]?.results).toHaveLength(failed.length);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(checkout, OUT, "junit.xml"), "utf8")) as {
      testsuites: { testsuite: { "@_name": string; testcase: unknown[] } };
    };
    expect(junit.testsuites.testsuite["@_name"]).toBe("05-build/01-multi-stage");
    expect(junit.testsuites.testsuite.testcase).toHaveLength(result.checks.length);
    expect(await readFile(join(checkout, OUT, "05-build-01-multi-stage/report.html"), "utf8")).toContain('<html lang="fr"');
  });

  it("exits 2 on a refused setting, annotated on its line of the Compose file", { timeout: 300_000 }, async () => {
    const run = await githubRun("privileged");
    expect(run.exitCode, run.stderr).toBe(2);
    const result = await resultOf("02-containers-01-graceful-stop");
    expect(result.failure?.code).toBe("policy-refused");
    const annotations = activeCommands(run.stdout).filter((line) => line.startsWith("::error"));
    expect(annotations.some((line) => line.startsWith(`::error file=${COMPOSE}/starter/compose.yaml,line=${privilegedLine},title=`))).toBe(true);
    expect(run.outputs).toBe(`score=0\nmax=${result.maxScore}\npassed=false\n`);
  });

  it("says there is nothing to grade and passes when the branch touches no starter, without an engine", { timeout: 120_000 }, async () => {
    const run = await githubRun("readme", { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.summary).toContain("ne modifie le `starter/` d’aucun exercice");
    expect(run.outputs).toBe("score=0\nmax=0\npassed=true\n");
    const sarif = JSON.parse(await readFile(join(checkout, OUT, "results.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results).toStrictEqual([]);
    expect(await readFile(join(checkout, OUT, "gl-code-quality.json"), "utf8")).toBe("[]\n");
  });
});

describe("the GitLab merge-request job's script", () => {
  it("writes JUnit and Code Quality reports and passes at a threshold the score reaches", { timeout: 600_000 }, async () => {
    await rm(join(checkout, OUT), { recursive: true, force: true });
    await runScript("git checkout --quiet secret", checkout, {});
    const run = await runScript(gitlabScript, checkout, { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main", DOCKGRADE_THRESHOLD: "50", DOCKGRADE_LANG: "en" });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = await resultOf("05-build-01-multi-stage");
    expect(result.score / result.maxScore).toBeGreaterThanOrEqual(0.5);
    expect(result.score).toBeLessThan(result.maxScore);
    // Not on GitHub: no workflow command, the terminal summary as is.
    expect(activeCommands(run.stdout)).toStrictEqual([]);
    const issues = JSON.parse(await readFile(join(checkout, OUT, "gl-code-quality.json"), "utf8")) as {
      check_name: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(issues.find((issue) => issue.check_name === "no-secrets")?.location).toStrictEqual({
      path: `${BUILD}/starter/Dockerfile`,
      lines: { begin: secretLine },
    });
    expect(issues).toHaveLength(result.checks.filter((check) => check.status === "failed").length);
    const junit = await readFile(join(checkout, OUT, "junit.xml"), "utf8");
    expect(junit).toContain('classname="05-build/01-multi-stage"');
  });
});
