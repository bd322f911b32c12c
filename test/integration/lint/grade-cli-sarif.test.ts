import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gradeCommand } from "../../../harness/cli/grade-command.ts";

const EXERCISE = "05-build/01-multi-stage";
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "dockgrade-cli-sarif-"));
  // The summary goes to stdout; this test reads the files.
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(scratch, { recursive: true, force: true });
});

async function gradeTo(out: string, path: string): Promise<number> {
  return gradeCommand(["--exercise", EXERCISE, "--lang", "en", "--out", out, resolve(path)], new AbortController().signal);
}

describe("npm run grade -- --out DIR", () => {
  it("writes DIR/lint.sarif for a submission with a Dockerfile, clean or not", { timeout: 240_000 }, async () => {
    const out = join(scratch, "solution");
    expect(await gradeTo(out, `exercises/${EXERCISE}/solution`)).toBe(0);
    const log = JSON.parse(await readFile(join(out, "lint.sarif"), "utf8")) as { runs: { tool: { driver: { rules: unknown[] } }; results: unknown[] }[] };
    expect(log.runs[0]?.tool.driver.rules.length).toBeGreaterThan(10);
    expect(log.runs[0]?.results).toStrictEqual([]);
  });

  it("writes none for a submission the policy refuses: it was not linted", async () => {
    const copy = join(scratch, "refused");
    await cp(`exercises/${EXERCISE}/starter`, copy, { recursive: true });
    await writeFile(join(copy, "Dockerfile"), `# syntax=example.com/frontend:1\n${await readFile(join(copy, "Dockerfile"), "utf8")}`);
    const out = join(scratch, "refused-out");
    expect(await gradeTo(out, copy)).toBe(2);
    expect(existsSync(join(out, "result.json"))).toBe(true);
    expect(existsSync(join(out, "lint.sarif"))).toBe(false);
  });
});
