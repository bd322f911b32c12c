#!/usr/bin/env node
// How `npm run grade` and the other commands start: the harness and the grader suites are compiled
// (esbuild, a fifth of a second) into dist/<hash of the output>/ and the CLI runs from there in this
// process. Running the TypeScript through tsx instead would keep its loader thread alive for the
// whole run, a second JavaScript heap that costs a class batch a fifth of its memory (README,
// "Benchmarks"). Plain JavaScript, as it is what makes the TypeScript runnable.
//
// The npm scripts start it with two V8 flags, for the same reason: `--max-semi-space-size=1` keeps
// the young generation at 2 MiB instead of 32, and `--heap-growing-percent=20` starts a full
// collection when the old generation has grown by a fifth instead of letting it double; the grader
// waits on the engine far more than it allocates, so neither costs it measurable time.
import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(PROJECT_ROOT, "dist");
/** A build no run has started from for this long is removed; a batch can run for hours on one. */
const UNUSED_BUILD_MS = 24 * 60 * 60 * 1000;

/**
 * One module per entry, the code they share in chunks: a grader suite and the CLI then import the
 * same check library, sandbox and clean-up registry, not copies. Chunks sit two folders below the
 * build's root, like the CLI and the harness sources, so that `import.meta.url` finds the graders
 * (harness/exercise/exercise-catalog.ts) the same way from source and from a build.
 */
async function compile() {
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ["harness/cli/bin.ts", "graders/**/grader.ts"],
    outdir: join(DIST, "pending"),
    outbase: ".",
    chunkNames: "harness/chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles;
}

/**
 * Writes the build under a name made of its content, by rename: two commands started at once (a
 * class graded in shards) each find a complete build, the same one when the sources are the same.
 */
async function install(outputFiles) {
  const digest = createHash("sha256");
  for (const file of [...outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) digest.update(`${file.path}\0${file.hash}\0`);
  const target = join(DIST, digest.digest("hex").slice(0, 16));
  if (!(await exists(target))) {
    const staging = join(DIST, `.staging-${process.pid}-${Date.now()}`);
    for (const file of outputFiles) {
      const path = join(staging, relative(join(DIST, "pending"), file.path));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents);
    }
    await rename(staging, target).catch(async (error) => {
      await rm(staging, { recursive: true, force: true });
      if (!(await exists(target))) throw error;
    });
  }
  const now = new Date();
  await utimes(target, now, now);
  await removeUnusedBuilds(target);
  return target;
}

async function removeUnusedBuilds(current) {
  for (const name of await readdir(DIST)) {
    const path = join(DIST, name);
    if (path === current) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > UNUSED_BUILD_MS) await rm(path, { recursive: true, force: true });
  }
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

// Imported here rather than at the top so that a checkout without `npm ci` is told what to do
// instead of being shown Node's resolver stack.
const { build, stop } = await import("esbuild").catch((error) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
  process.stderr.write(
    `dockgrade: the grader's dependencies are not installed in ${PROJECT_ROOT}.\nRun \`npm ci\` there (or \`bash ci/setup.sh\`, which also installs and starts Docker where it is missing).\n`,
  );
  process.exit(70);
});
const outputFiles = await compile().catch(() => undefined);
stop();
if (outputFiles === undefined) {
  // esbuild has printed the errors, with their files and lines.
  process.stderr.write("dockgrade: the grader's own sources do not compile (see above).\n");
  process.exit(70);
}
const buildDir = await install(outputFiles).catch((error) => {
  process.stderr.write(
    `dockgrade: cannot write the compiled grader under ${DIST} (${error.message}).\nThe grader's folder must be writable by the user who runs it.\n`,
  );
  process.exit(70);
});
await import(pathToFileURL(join(buildDir, "harness", "cli", "bin.js")).href);
