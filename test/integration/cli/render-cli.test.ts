import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { EXERCISES_ROOT } from "../../../harness/exercise/project-paths.ts";
import { runCli } from "../../support/run-cli.ts";

const scratch = await mkdtemp(join(tmpdir(), "dockgrade-render-cli-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("render CLI", () => {
  it("renders a result written by grade --out again: every format, the same bytes in its language, the other language on demand", {
    timeout: 600_000,
  }, async () => {
    const submission = join(scratch, "starter");
    await cp(join(EXERCISES_ROOT, "05-build/01-multi-stage/starter"), submission, { recursive: true });
    const graded = join(scratch, "graded");
    const grade = await runCli(["grade", "--out", graded, "--lang", "fr", submission]);
    expect(grade.exitCode, grade.stderr).toBe(1);
    const files = (await readdir(graded)).sort();
    expect(files).toContain("lint.sarif");

    const again = join(scratch, "again");
    const same = await runCli(["render", join(graded, "result.json"), "--out", again]);
    expect(same.exitCode, same.stderr).toBe(0);
    expect((await readdir(again)).sort()).toStrictEqual(files);
    for (const file of files) expect(await readFile(join(again, file), "utf8"), file).toBe(await readFile(join(graded, file), "utf8"));

    const english = join(scratch, "english");
    const other = await runCli(["render", "--lang", "en", join(graded, "result.json"), "--out", english]);
    expect(other.exitCode, other.stderr).toBe(0);
    expect((await readdir(english)).sort()).toStrictEqual(files);
    const fr = JSON.parse(await readFile(join(graded, "result.json"), "utf8")) as GradeResult;
    const en = JSON.parse(await readFile(join(english, "result.json"), "utf8")) as GradeResult;
    expect(en.lang).toBe("en");
    expect(en.checks.map((check) => check.title)).toStrictEqual(fr.checks.map((check) => check.texts?.en.title));
    expect(en.checks.map((check) => check.title)).not.toStrictEqual(fr.checks.map((check) => check.title));
    expect(await readFile(join(english, "report.html"), "utf8")).toContain('<html lang="en"');
    expect(other.stdout).toContain("Score:");
  });
});
