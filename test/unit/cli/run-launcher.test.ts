import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRADERS_ROOT, PROJECT_ROOT } from "../../../harness/project-paths.ts";

const DIST = join(PROJECT_ROOT, "dist");
const BUILD_NAME = /^[0-9a-f]{16}$/;

/** `node harness/cli/run.mjs` with no command: it compiles, then the CLI prints its usage and exits 2. */
function launchWithoutCommand(): Promise<{ pid: number | undefined; code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["harness/cli/run.mjs"], { cwd: PROJECT_ROOT }, (error, _stdout, stderr) => {
      resolve({ pid: child.pid, code: error ? Number(error.code) : 0, stderr });
    });
  });
}

describe("harness/cli/run.mjs, the compiled CLI's launcher", () => {
  it("runs launches started together, from a complete build: the CLI and every grader suite", async () => {
    const launches = await Promise.all([1, 2, 3].map(() => launchWithoutCommand()));
    for (const launch of launches) {
      expect(launch.code).toBe(2);
      expect(launch.stderr).toContain("Usage: dockgrade <command>");
    }
    const names = await readdir(DIST);
    // Other tests' launches may be staging a build of their own right now: only these three's count.
    const ours = launches.map((launch) => `.staging-${launch.pid}-`);
    expect(names.filter((name) => ours.some((prefix) => name.startsWith(prefix)))).toStrictEqual([]);
    const builds = names.filter((name) => BUILD_NAME.test(name));
    expect(builds.length).toBeGreaterThanOrEqual(1);
    const suites = (await readdir(GRADERS_ROOT, { recursive: true })).filter((path) => path.endsWith("grader.ts"));
    expect(suites.length).toBeGreaterThan(10);
    const complete = builds.filter((name) => existsSync(join(DIST, name, "harness", "cli", "bin.js")) && suites.every((suite) => existsSync(join(DIST, name, "graders", suite.replace(/\.ts$/, ".js")))));
    expect(complete.length).toBeGreaterThanOrEqual(1);
  });

  it("removes a build no launch has used for a day and keeps a recent one", async () => {
    const stale = join(DIST, "0000000000000000");
    const recent = join(DIST, "1111111111111111");
    await mkdir(stale, { recursive: true });
    await mkdir(recent, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    try {
      expect((await launchWithoutCommand()).code).toBe(2);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(recent)).toBe(true);
    } finally {
      await rm(stale, { recursive: true, force: true });
      await rm(recent, { recursive: true, force: true });
    }
  });
});
