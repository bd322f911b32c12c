import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRADERS_ROOT, PROJECT_ROOT } from "../../../harness/exercise/project-paths.ts";

const DIST = join(PROJECT_ROOT, "dist");
const BUILD_NAME = /^[0-9a-f]{16}$/;

/** `node harness/cli/run.mjs` with no command: it compiles, then the CLI prints its usage and exits 2. */
function launchWithoutCommand(root = PROJECT_ROOT): Promise<{ pid: number | undefined; code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["harness/cli/run.mjs"], { cwd: root }, (error, _stdout, stderr) => {
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
    const complete = builds.filter(
      (name) =>
        existsSync(join(DIST, name, "harness", "cli", "bin.js")) &&
        suites.every((suite) => existsSync(join(DIST, name, "graders", suite.replace(/\.ts$/, ".js")))),
    );
    expect(complete.length).toBeGreaterThanOrEqual(1);
  });

  it("tells a checkout without `npm ci` to run it, instead of showing Node's resolver stack", async () => {
    const checkout = await mkdtemp(join(tmpdir(), "dockgrade-no-deps-"));
    try {
      await mkdir(join(checkout, "harness", "cli"), { recursive: true });
      await copyFile(join(PROJECT_ROOT, "harness", "cli", "run.mjs"), join(checkout, "harness", "cli", "run.mjs"));
      const launch = await launchWithoutCommand(checkout);
      expect(launch.code).toBe(70);
      expect(launch.stderr).toContain("dependencies are not installed");
      expect(launch.stderr).toContain("npm ci");
      expect(launch.stderr).not.toContain("ERR_MODULE_NOT_FOUND");
    } finally {
      await rm(checkout, { recursive: true, force: true });
    }
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
