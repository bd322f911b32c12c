import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { $ } from "zx";
import { afterAll, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import { EXERCISES_ROOT, PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";
import { leftovers } from "../../support/leftovers.ts";
import { runCli } from "../../support/run-cli.ts";

const EXERCISE = "05-build/01-multi-stage";
const scratch = await mkdtemp(join(tmpdir(), "dockgrade-interrupt-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function completed(out: string): Promise<string[]> {
  if (!existsSync(out)) return [];
  const folders = (await readdir(out, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return folders.filter((folder) => existsSync(join(out, folder, "result.json"))).sort();
}

it("Ctrl-C mid-batch keeps the finished students, writes nothing half-done, leaves nothing on the engine; --resume finishes", {
  timeout: 600_000,
}, async () => {
  const classDir = join(scratch, "classe");
  for (const name of ["anna", "basile", "cyril"]) await cp(join(EXERCISES_ROOT, EXERCISE, "solution"), join(classDir, name), { recursive: true });
  const out = join(scratch, "out");
  const args = ["batch", "--exercise", EXERCISE, "--out", out, "--concurrency", "1", classDir];
  const batch = $({ nothrow: true, quiet: true, cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: "1" } })`node harness/cli/run.mjs ${args}`;
  let ended = false;
  void batch.then(() => (ended = true));
  while (!ended && (await completed(out)).length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  await batch.kill("SIGINT");
  const interrupted = await batch;
  expect(interrupted.exitCode, interrupted.stderr).toBe(130);
  expect(interrupted.stderr).toContain("--resume");
  const kept = await completed(out);
  expect(kept).toEqual(["anna"]);
  const files = await readdir(out, { recursive: true });
  expect(files.filter((file) => file.endsWith(".partial"))).toEqual([]);
  expect(await leftovers(await connect())).toEqual([]);
  const keptRun = JSON.parse(await readFile(join(out, "anna", "result.json"), "utf8")).runId;

  const resumed = await runCli([...args, "--resume"]);
  expect(resumed.exitCode, resumed.stderr).toBe(0);
  expect(resumed.stdout).toMatch(/^2 graded, 1 kept from before/);
  expect(await completed(out)).toEqual(["anna", "basile", "cyril"]);
  expect(JSON.parse(await readFile(join(out, "anna", "result.json"), "utf8")).runId).toBe(keptRun);
  expect(await readFile(join(out, "index.html"), "utf8")).toContain("cyril/report.html");
});
