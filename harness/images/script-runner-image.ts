import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import type { ImageClient } from "../engine/clients/image-types.ts";
import { BASE_IMAGE_LABEL } from "../kernel/run-labels.ts";
import { withMachineLock } from "../locks/machine-lock.ts";
import { OfflineBuildFailedError, OfflineBuilderUnavailableError } from "./errors.ts";
import { PROBE_IMAGE, SCRIPT_RUNNER_REPOSITORY } from "./grader-images.ts";
import { findExecutable, isStaticExecutable } from "./host-tools.ts";
import { runCommand } from "./run-command.ts";

/**
 * The image a student's backup and restore scripts run in (harness/engine/script/script-client.ts):
 * busybox for `sh` and the usual tools, plus this machine's docker CLI, with the libraries it links
 * (only libc for Debian's; none for a static one). Made without a registry and without BuildKit:
 * the files are copied into a container of the probe image, which is committed. Its tag is a
 * fingerprint of the base image and of the files copied, so a new CLI makes a new image; it is a
 * cache (labelled like the base images), not a run's leftover.
 */

const INSTALL_HINT = "Install the docker CLI (apt-get install docker-cli) on the machine that runs dockgrade";

interface CopiedFile {
  /** On this machine. */
  readonly source: string;
  /** In the image. */
  readonly target: string;
}

export async function ensureScriptRunnerImage(images: ImageClient, options: { signal?: AbortSignal } = {}): Promise<string> {
  const files = await filesToCopy();
  const ref = `${SCRIPT_RUNNER_REPOSITORY}:${await fingerprint(images, files)}`;
  if (await images.exists(ref)) return ref;
  return withMachineLock(
    "script-runner-image",
    async () => {
      // Another process may have made it while we waited for the lock.
      if (!(await images.exists(ref))) await build(images, ref, files);
      return ref;
    },
    { signal: options.signal },
  );
}

async function filesToCopy(): Promise<CopiedFile[]> {
  const cli = await findExecutable("docker");
  if (cli === undefined) throw new OfflineBuilderUnavailableError(SCRIPT_RUNNER_REPOSITORY, "the docker CLI is not installed", INSTALL_HINT);
  const files = [{ source: cli, target: "/usr/local/bin/docker" }];
  if (await isStaticExecutable(cli)) return files;
  return [...files, ...(await linkedLibraries(cli)).map((library) => ({ source: library, target: library }))];
}

/**
 * What `ldd` says the program loads, at the paths it gives (the loader's path is written in the
 * binary): `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)` and `/lib64/ld-linux-x86-64.so.2 (0x…)`.
 */
async function linkedLibraries(program: string): Promise<string[]> {
  const libraries: string[] = [];
  const result = await runCommand("ldd", [program], {
    onLine: (line) => {
      const path = /=>\s*(\/\S+)\s+\(/.exec(line)?.[1] ?? /^\s*(\/\S+)\s+\(/.exec(line)?.[1];
      if (path !== undefined) libraries.push(path);
    },
  });
  if (result.exitCode !== 0 || libraries.length === 0) {
    throw new OfflineBuildFailedError(SCRIPT_RUNNER_REPOSITORY, `listing the libraries of ${program} with ldd`, result.tail, INSTALL_HINT);
  }
  return libraries;
}

async function fingerprint(images: ImageClient, files: readonly CopiedFile[]): Promise<string> {
  const hash = createHash("sha256").update((await images.inspect(PROBE_IMAGE)).id);
  for (const file of files) {
    const { size, mtimeMs } = await stat(file.source);
    hash.update(`\n${file.target} ${size} ${mtimeMs}`);
  }
  return hash.digest("hex").slice(0, 12);
}

async function build(images: ImageClient, ref: string, files: readonly CopiedFile[]): Promise<void> {
  const version = await cliVersion(files[0]?.source ?? "docker");
  await images.addFiles(PROBE_IMAGE, await packFiles(files), ref, {
    labels: { [BASE_IMAGE_LABEL]: "building:script-runner" },
    comment: "dockgrade: busybox and the docker CLI, for students' scripts",
    changes: [`LABEL ${BASE_IMAGE_LABEL}="offline:script-runner"`, `LABEL org.opencontainers.image.version=${JSON.stringify(version)}`],
  });
}

/** `Docker version 28.2.2, build e6534b4` -> 28.2.2. */
async function cliVersion(cli: string): Promise<string> {
  let version = "unknown";
  await runCommand(cli, ["--version"], { onLine: (line) => (version = /version ([^\s,]+)/.exec(line)?.[1] ?? version) });
  return version;
}

/** The files as a tar rooted at /, owned by root, with their folders; a symbolic link is copied as the file it names. */
async function packFiles(files: readonly CopiedFile[]): Promise<Readable> {
  const tar = pack();
  const owner = { uid: 0, gid: 0, uname: "root", gname: "root" };
  const folders = new Set<string>();
  for (const file of files) {
    const parents: string[] = [];
    for (let dir = dirname(file.target); dir !== "/"; dir = dirname(dir)) parents.unshift(dir);
    for (const dir of parents.filter((parent) => !folders.has(parent))) {
      folders.add(dir);
      tar.entry({ ...owner, name: dir.slice(1), type: "directory", mode: 0o755 });
    }
    tar.entry({ ...owner, name: file.target.slice(1), mode: 0o755 }, await readFile(file.source));
  }
  tar.finalize();
  return Readable.from(tar);
}
