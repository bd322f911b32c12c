import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";
import { listHostileCases, materialiseCase } from "../../support/hostile-case.ts";
import { leftovers } from "../../support/leftovers.ts";
import { runCli } from "../../support/run-cli.ts";
import { engineDiskInUse } from "../../support/engine-disk.ts";

/**
 * The grader's own corpus of hostile and broken submissions (test/hostile/<case>/case.yaml), each
 * graded through the CLI as an instructor would: the expected exit code and message, within a
 * bounded time, the host untouched, nothing left on the engine. Times go to reports/out/.
 */
const cases = await listHostileCases();
const dirs: string[] = [];
const times: { name: string; seconds: number; exit: number; engineDiskGrownBytes?: number }[] = [];
let engine: Engine;

beforeAll(async () => {
  engine = await connect();
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  await mkdir(join(PROJECT_ROOT, "reports", "out"), { recursive: true });
  await writeFile(join(PROJECT_ROOT, "reports", "out", "hostile-times.json"), `${JSON.stringify(times, null, 2)}\n`);
});

/** Everything the user reads about the run. */
function readable(result: GradeResult): string {
  return [
    result.failure?.message,
    result.failure?.hint,
    ...(result.failure?.violations ?? []).flatMap((violation) => [`${violation.file}:${violation.line ?? ""}`, violation.setting, violation.message]),
    ...result.checks.flatMap((check) => [check.message, check.details, check.actual]),
  ]
    .filter(Boolean)
    .join("\n");
}

describe("hostile submissions", () => {
  it("the corpus covers the issue's cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const hostile of cases) {
    it(`${hostile.name}: ${hostile.description}`, { timeout: (hostile.expect.maxSeconds + 60) * 1000 }, async () => {
      for (const marker of hostile.markers) await rm(marker, { force: true, recursive: true });
      const dir = await materialiseCase(hostile);
      dirs.push(dir);
      const started = Date.now();
      const exerciseArgs = hostile.inferExercise ? [] : ["--exercise", hostile.exercise];
      const diskBefore = hostile.engineDiskMarginBytes === undefined ? undefined : await engineDiskInUse(engine);
      const run = await runCli(["grade", "--json", "--lang", "en", ...exerciseArgs, ...hostile.args, dir], { env: hostile.env });
      const seconds = (Date.now() - started) / 1000;
      const timed: (typeof times)[number] = { name: hostile.name, seconds, exit: run.exitCode };
      times.push(timed);

      expect(run.stderr, "no stack trace reaches the user").not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(run.exitCode, run.stderr).toBe(hostile.expect.exit);
      // A submission refused before grading began (its own config unreadable) has no result: stderr says why.
      const result = run.stdout.trim() === "" ? undefined : (JSON.parse(run.stdout) as GradeResult);
      const said = result ? readable(result) : run.stderr;
      expect(said).toMatch(new RegExp(hostile.expect.text));
      if (hostile.expect.failure) expect(result?.failure?.code, said).toBe(hostile.expect.failure);
      const rules = (result?.failure?.violations ?? []).map((violation) => violation.rule);
      for (const rule of hostile.expect.rules) expect(rules, said).toContain(rule);
      for (const [id, status] of Object.entries(hostile.expect.checks)) {
        expect(result?.checks.find((check) => check.id === id)?.status, `${id}\n${said}`).toBe(status);
      }
      expect(seconds).toBeLessThan(hostile.expect.maxSeconds);
      for (const marker of hostile.markers) expect(existsSync(marker), `${marker} was created on the host`).toBe(false);
      if (result) expect(await leftovers(engine, result.runId)).toEqual([]);
      if (diskBefore !== undefined) {
        const grown = (await engineDiskInUse(engine)) - diskBefore;
        timed.engineDiskGrownBytes = grown;
        expect(grown, `the engine's disk in use grew by ${grown} bytes`).toBeLessThan(hostile.engineDiskMarginBytes as number);
      }
    });
  }
});
