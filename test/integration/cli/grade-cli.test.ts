import { cp, mkdtemp, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, type GradeResult } from "../../../harness/kernel/result.ts";
import { EXERCISES_ROOT } from "../../../harness/exercise/project-paths.ts";
import { runCli } from "../../support/run-cli.ts";

const exerciseDir = join(EXERCISES_ROOT, "05-build/01-multi-stage");
const scratch = await mkdtemp(join(tmpdir(), "dockgrade-cli-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function copyOf(folder: "solution" | "starter", name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(join(exerciseDir, folder), dir, { recursive: true });
  return dir;
}

describe("grade CLI contract", () => {
  it("grades the folder it runs in, exits 0 on full marks, and writes result.json and report.html", { timeout: 600_000 }, async () => {
    const out = join(scratch, "out");
    const run = await runCli(["grade", "--out", out, "--lang", "en"], { cwd: join(exerciseDir, "solution") });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("23 / 23");
    const result = JSON.parse(await readFile(join(out, "result.json"), "utf8")) as GradeResult;
    expect(result.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.exercise.id).toBe("05-build/01-multi-stage");
    for (const check of result.checks) {
      expect(Object.keys(check)).toEqual(expect.arrayContaining(["id", "title", "points", "earned", "status", "message", "hint", "durationMs"]));
    }
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain('<html lang="en"');
  });

  it("on GitHub Actions, writes every format to --out, the job summary, and the Points line Classroom reads", { timeout: 600_000 }, async () => {
    const out = join(scratch, "ci-out");
    const summary = join(scratch, "step-summary.md");
    await writeFile(summary, "");
    const run = await runCli(["grade", "--out", out, "--lang", "en", await copyOf("starter", "ci-starter")], {
      env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.exitCode, run.stderr).toBe(1);
    const result = JSON.parse(await readFile(join(out, "result.json"), "utf8")) as GradeResult;
    expect(run.stderr).toContain(`Points ${result.score}/${result.maxScore}`);
    // The summary quotes the submission: the runner must read none of it as a workflow command.
    const token = /^::stop-commands::(\S+)$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    expect(run.stdout.trimEnd().endsWith(`::${token}::`)).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(out, "junit.xml"), "utf8"));
    const cases = [junit.testsuites.testsuite.testcase].flat() as { failure?: unknown }[];
    expect(cases).toHaveLength(result.checks.length);
    expect(cases.filter((testcase) => testcase.failure !== undefined).length).toBe(result.checks.filter((check) => check.status === "failed").length);
    const [header, row] = parse(await readFile(join(out, "gradebook.csv"), "utf8"), { bom: true }) as string[][];
    expect(header?.slice(0, 3)).toEqual(["student", "score", "max"]);
    expect(row?.slice(0, 3)).toEqual(["ci-starter", String(result.score), String(result.maxScore)]);
    const gradescope = JSON.parse(await readFile(join(out, "gradescope.json"), "utf8")) as { score: number; tests: unknown[] };
    expect(gradescope.score).toBe(result.score);
    expect(gradescope.tests).toHaveLength(result.checks.length);
    const markdown = await readFile(summary, "utf8");
    expect(markdown).toBe(await readFile(join(out, "summary.md"), "utf8"));
    // One table row per check, under the heading with the score.
    expect(markdown.split("\n").filter((line) => /^\| (✅|❌|⚠️|⏭️) \|/u.test(line))).toHaveLength(result.checks.length);
  });

  it("infers the exercise in a copy of the starter, reports in French, and exits 1 when checks fail", { timeout: 900_000 }, async () => {
    const run = await runCli(["grade", "--json", "--lang", "fr", await copyOf("starter", "my-work")]);
    expect(run.exitCode, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result.lang).toBe("fr");
    expect(result.checks.find((check) => check.id === "user-configured")?.hint).toContain("Ajoutez");
  });

  it("exits 2 with the reason in the result when a required file is missing", { timeout: 120_000 }, async () => {
    const dir = await copyOf("solution", "missing");
    await unlink(join(dir, "src/server.c"));
    const run = await runCli(["grade", "--json", dir]);
    expect(run.exitCode).toBe(2);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result.failure?.code).toBe("missing-file");
    expect(result.failure?.message).toContain("src/server.c");
    expect(result.checks).toEqual([]);
  });

  it("exits 2 and reads nothing when the Dockerfile is a link outside the submission", { timeout: 120_000 }, async () => {
    const dir = await copyOf("solution", "escape");
    await unlink(join(dir, "Dockerfile"));
    await symlink("/etc/hostname", join(dir, "Dockerfile"));
    const run = await runCli(["grade", "--json", dir]);
    expect(run.exitCode).toBe(2);
    expect((JSON.parse(run.stdout) as GradeResult).failure?.code).toBe("outside-submission");
  });

  it("exits 2 on usage errors: unknown exercise, unknown option, a folder of no exercise", async () => {
    expect((await runCli(["grade", "--exercise", "99-nope/01-x", scratch])).exitCode).toBe(2);
    expect((await runCli(["grade", "--frobnicate"])).exitCode).toBe(2);
    const lost = await runCli(["grade", scratch]);
    expect(lost.exitCode).toBe(2);
    expect(lost.stderr).toContain("--exercise");
  });

  it("exits 3 with one short paragraph and no stack trace when no engine answers", async () => {
    const run = await runCli(["grade", join(exerciseDir, "solution")], { env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("No Docker engine");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("doctor reports the engine, BuildKit, Compose, cgroups, disk and base images", async () => {
    const run = await runCli(["doctor"]);
    expect(run.exitCode, run.stderr).toBe(0);
    for (const word of ["engine", "buildx", "compose", "cgroup", "free", "debian:12-slim", "busybox:1.37"]) expect(run.stdout).toContain(word);
  });
});
