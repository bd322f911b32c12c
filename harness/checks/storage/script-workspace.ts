import { cp, mkdir, mkdtemp, open, readdir, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { RUN_LABEL, runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import { SCRIPT_CREATED_LABEL } from "../../engine/api-proxy/api-proxy-scope.ts";
import type { FixtureContext } from "../context.ts";
import { archiveKind, SNIFF_BYTES, type ArchiveKind } from "./archive-kind.ts";

/**
 * Where a student's backup and restore scripts run: a copy of the submission as the working
 * folder (the scripts may write there, the submission stays as it was) and the folder the archive
 * goes to. Removed with the run, with the helper containers the scripts left.
 */
export interface ScriptWorkspace {
  readonly root: string;
  readonly workDir: string;
  readonly backupDir: string;
  /**
   * Removes the helper containers the scripts left (started without `--rm`): those the scripts'
   * sandbox created, and any container not of the run that mounts one of `volumes` or a folder of
   * the workspace. Returns their names, for the report.
   */
  sweepHelpers(volumes: readonly string[]): Promise<string[]>;
}

export interface BackupFile {
  readonly path: string;
  readonly size: number;
  readonly kind: ArchiveKind | undefined;
}

export async function createScriptWorkspace(ctx: FixtureContext): Promise<ScriptWorkspace> {
  // Real path: helper containers bind it, and the engine reports bind sources as real paths.
  const root = await realpath(await mkdtemp(join(tmpdir(), "dockgrade-storage-")));
  const workspace: ScriptWorkspace = {
    root,
    workDir: join(root, "work"),
    backupDir: join(root, "backup"),
    async sweepHelpers(volumes) {
      // The run's own containers (the stopped services, the grader's probes) carry its label; so do
      // the scripts' helpers, which the sandbox also marks as theirs.
      const labelled = await ctx.engine.containers.listByLabel(RUN_LABEL, ctx.runId);
      const own = new Set(labelled.filter((container) => container.labels[SCRIPT_CREATED_LABEL] === undefined).map((container) => container.id));
      const created = labelled.filter((container) => !own.has(container.id));
      const mounting = (await ctx.engine.containers.listMounting([...volumes, root])).filter((container) => !own.has(container.id));
      const helpers = [...new Map([...created, ...mounting].map((container) => [container.id, container])).values()];
      for (const helper of helpers) await ctx.engine.containers.remove(helper.id);
      return helpers.map((helper) => helper.name).sort();
    },
  };
  ctx.scope.defer("storage workspace", async () => {
    await workspace.sweepHelpers([]);
    await removeWorkspace(ctx, root);
  });
  await cp(ctx.submission.root, workspace.workDir, { recursive: true });
  await mkdir(workspace.backupDir);
  return workspace;
}

/** Regular files under `dir`, with their size and archive kind, sorted by path. */
export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { size } = await stat(path);
    files.push({ path: relative(dir, path), size, kind: await sniff(path) });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

async function sniff(path: string): Promise<ArchiveKind | undefined> {
  try {
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return archiveKind(buffer.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Helper containers run as root and write root-owned files in the workspace: a grader that does
 * not run as root cannot delete those, so a root busybox of the run empties the folder first.
 */
async function removeWorkspace(ctx: FixtureContext, root: string): Promise<void> {
  try {
    await rm(root, { recursive: true, force: true });
    return;
  } catch {
    // Permission denied on a root-owned file: empty it from a container.
  }
  await ctx.engine.containers.runOnce({
    image: PROBE_IMAGE,
    command: ["sh", "-c", "rm -rf /w/* /w/.[!.]* /w/..?*"],
    labels: runLabels(ctx.runId, ctx.exercise.id),
    networkMode: "none",
    timeoutMs: 30_000,
    mounts: [{ type: "bind", source: root, target: "/w" }],
  });
  await rm(root, { recursive: true, force: true });
}
