import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BUILD_MEMORY_BYTES, BUILD_PIDS_MAX, type BuildSandboxSupport } from "./build-cgroup-support.ts";

type Available = Extract<BuildSandboxSupport, { available: true }>;

/** Earlier versions named a build's cgroup `dockgrade-build-<pid of the grader>-<random>`. */
const PER_PROCESS_NAME = /^dockgrade-build-(\d+)-[0-9a-f]+$/;

/**
 * The build cgroup's name, the same for every build on one engine. BuildKit puts `--cgroup-parent` in
 * the cache key of every RUN step: a name that changed per build (as it once did) made every build
 * run its RUN steps again, `apt-get install` included. Builds on one engine take turns under the
 * machine's build lock, so one name is never used by two builds at once.
 */
export function buildCgroupName(engineHost: string): string {
  return `dockgrade-build-${createHash("sha256").update(engineHost).digest("hex").slice(0, 12)}`;
}

/** How long removal waits for killed RUN processes to leave the cgroup before giving up. */
const DRAIN_MS = 10_000;
const DRAIN_POLL_MS = 100;

/**
 * One build's cgroup, passed to `docker buildx build --cgroup-parent`: BuildKit puts every RUN
 * step under `<parent>/buildkit/<step>` in each hierarchy, so the pids and memory ceilings set
 * here hold for the whole build. Disposing kills what is still inside (a step BuildKit failed to
 * stop) and removes the tree BuildKit left in every hierarchy.
 */
export class BuildCgroup implements AsyncDisposable {
  private constructor(
    private readonly support: Available,
    private readonly name: string,
  ) {}

  /**
   * Creates the engine's build cgroup with its ceilings; on any failure removes what it made and
   * throws. The caller holds the engine's build lock, so a cgroup already at this name is what a
   * grader killed mid-build left (its RUN step may still run): it is emptied and removed first.
   */
  static async create(support: Available, engineHost: string): Promise<BuildCgroup> {
    const cgroup = new BuildCgroup(support, buildCgroupName(engineHost));
    await cgroup.remove();
    try {
      await cgroup.setUp();
      return cgroup;
    } catch (error) {
      await cgroup.remove();
      throw error;
    }
  }

  /**
   * Empties and removes the per-process build cgroups of earlier versions whose grader is gone (killed
   * mid-build: a `docker buildx build` outlives its parent, and a silent RUN step keeps running).
   * Best effort: what cannot be removed now is tried again by the next build.
   */
  static async removeOrphans(support: Available): Promise<void> {
    const names = await readdir(support.cgroupVersion === "1" ? support.pidsMount : support.unifiedMount).catch(() => [] as string[]);
    for (const name of names) {
      const creator = PER_PROCESS_NAME.exec(name)?.[1];
      if (creator === undefined || isAlive(Number(creator))) continue;
      await new BuildCgroup(support, name)[Symbol.asyncDispose]().catch(() => undefined);
    }
  }

  /** The value for `--cgroup-parent`: a path from the root of every hierarchy. */
  get parent(): string {
    return `/${this.name}`;
  }

  /** SIGKILLs every process left in the cgroup; returns how many there were. */
  async killAll(): Promise<number> {
    const pids = await this.processes();
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    return pids.length;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.killAll();
    if (!(await this.remove())) {
      throw new Error(`the build cgroup ${this.parent} could not be removed: processes are still in it after ${DRAIN_MS / 1000} s`);
    }
  }

  private async setUp(): Promise<void> {
    if (this.support.cgroupVersion === "1") {
      const pids = join(this.support.pidsMount, this.name);
      await mkdir(pids);
      await writeFile(join(pids, "pids.max"), String(BUILD_PIDS_MAX));
      const memory = join(this.support.memoryMount, this.name);
      await mkdir(memory);
      // Older kernels let a cgroup opt out of hierarchical accounting; the ceiling must bind the steps below.
      if ((await readFile(join(memory, "memory.use_hierarchy"), "utf8").catch(() => "1")).trim() === "0") {
        await writeFile(join(memory, "memory.use_hierarchy"), "1");
      }
      await writeFile(join(memory, "memory.limit_in_bytes"), String(BUILD_MEMORY_BYTES));
      // Memory + swap at the same ceiling: no swapping past it (present only with swap accounting on).
      if (existsSync(join(memory, "memory.memsw.limit_in_bytes"))) await writeFile(join(memory, "memory.memsw.limit_in_bytes"), String(BUILD_MEMORY_BYTES));
      return;
    }
    const dir = join(this.support.unifiedMount, this.name);
    await mkdir(dir);
    await writeFile(join(dir, "pids.max"), String(BUILD_PIDS_MAX));
    await writeFile(join(dir, "memory.max"), String(BUILD_MEMORY_BYTES));
    if (existsSync(join(dir, "memory.swap.max"))) await writeFile(join(dir, "memory.swap.max"), "0");
    await writeFile(join(dir, "cgroup.subtree_control"), "+pids +memory");
  }

  /** Every process under the cgroup, at any depth, read from the pids (v1) or unified (v2) tree. */
  private async processes(): Promise<number[]> {
    const root = join(this.support.cgroupVersion === "1" ? this.support.pidsMount : this.support.unifiedMount, this.name);
    const pids: number[] = [];
    for (const dir of await subtree(root)) {
      const listed = await readFile(join(dir, "cgroup.procs"), "utf8").catch(() => "");
      pids.push(...listed.split("\n").filter(Boolean).map(Number));
    }
    return pids;
  }

  /** Removes the cgroup from every hierarchy, deepest first, while killed processes drain; false if they never did. */
  private async remove(): Promise<boolean> {
    const deadline = Date.now() + DRAIN_MS;
    for (;;) {
      let left = 0;
      for (const mount of this.support.mounts) {
        for (const dir of (await subtree(join(mount, this.name))).reverse()) {
          await rmdir(dir).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== "ENOENT") left += 1;
          });
        }
      }
      if (left === 0) return true;
      if (Date.now() > deadline) return false;
      await this.killAll();
      await sleep(DRAIN_POLL_MS);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A cgroup folder and the ones below it, parents before children; empty when it does not exist. */
async function subtree(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.shift() as string;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (!entries) continue;
    found.push(dir);
    pending.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name)));
  }
  return found;
}
