import { join } from "node:path";
import { RUN_LABEL } from "../../kernel/run-labels.ts";
import { text, verbatim } from "../../kernel/text.ts";
import { runContainedScript, type ContainedRun } from "../../sandbox/script-container.ts";
import type { Fixture, FixtureContext } from "../context.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { createScriptWorkspace, listBackupFiles, type BackupFile } from "../storage/script-workspace.ts";
import { loadArchive, type LoadOutcome } from "./archive-load.ts";
import { archiveStructure, type ArchiveStructure } from "./archive-structure.ts";
import { ImageArchiveError, readImageArchive } from "./read-image-archive.ts";

/**
 * The shipping scenario of chapter 01: the grader builds the image (with its build limits), then
 * the student's script, in the scripts' sandbox, tags it into $REPOSITORY and saves it into
 * $OUT_DIR; the grader reads the archive it left. The script does not build: a build through the
 * API proxy would run the student's RUN steps outside the grader's build limits.
 */
export interface ShipPlanOptions {
  /** The last part of $REPOSITORY, e.g. `hello-release`. */
  readonly imageName: string;
  /** Tags the archive must carry, e.g. `["1.4.0", "1.4"]`. */
  readonly tags: readonly string[];
  readonly script?: string;
  readonly scriptTimeoutSeconds?: number;
}

export interface ShippedArchive {
  readonly path: string;
  /** Why the archive could not be read as a tar (or tar.gz); else its structure. */
  readonly unreadable?: string;
  readonly structure?: ArchiveStructure;
}

export interface ShipOutcome {
  readonly run: ContainedRun;
  readonly repository: string;
  /** Regular files the script left in $OUT_DIR. */
  readonly files: readonly BackupFile[];
  /** The one archive of $OUT_DIR, when there is exactly one. */
  readonly archive?: ShippedArchive;
}

export interface ShipPlan {
  readonly script: string;
  readonly scriptTimeoutSeconds: number;
  readonly tags: readonly string[];
  /** `<repository>:<tag>` for each required tag. */
  requiredRefs(repository: string): string[];
  readonly shipped: Fixture<ShipOutcome>;
  /** The archive loaded back through the engine (archive-load.ts). */
  readonly loaded: Fixture<LoadOutcome>;
}

/** A repository of the run's own: the proxy lets the script tag into it and nowhere else. */
export function releaseRepository(runId: string, imageName: string): string {
  return `dockgrade-run-${runId}/${imageName}`;
}

export function shipPlan(options: ShipPlanOptions): ShipPlan {
  const plan: ShipPlan = {
    script: options.script ?? "ship.sh",
    scriptTimeoutSeconds: options.scriptTimeoutSeconds ?? 60,
    tags: options.tags,
    requiredRefs: (repository) => options.tags.map((tag) => `${repository}:${tag}`),
    shipped: { name: "shipped archive", setUp: (ctx) => ship(ctx, plan, releaseRepository(ctx.runId, options.imageName)) },
    loaded: { name: "loaded archive", setUp: (ctx) => loadArchive(ctx, plan) },
  };
  return plan;
}

async function ship(ctx: FixtureContext, plan: ShipPlan, repository: string): Promise<ShipOutcome> {
  const image = await ctx.use(builtImage);
  // Registered first, so it runs after the tags' users are gone: every tag of the repository, the
  // script's and the load's (an image whose last tag goes is deleted with it).
  ctx.scope.defer(`tags of ${repository}`, () => untagRepository(ctx, repository));
  const workspace = await createScriptWorkspace(ctx);
  const run = await runContainedScript({
    engine: ctx.engine,
    runId: ctx.runId,
    exerciseId: ctx.exercise.id,
    command: ["sh", plan.script],
    workDir: workspace.workDir,
    folders: [
      { path: workspace.workDir, name: text("le dossier du script", "the script's folder") },
      { path: workspace.backupDir, name: verbatim("$OUT_DIR") },
    ],
    env: { LC_ALL: "C", IMAGE: image.tag, REPOSITORY: repository, OUT_DIR: workspace.backupDir },
    tagRepository: repository,
    timeoutMs: plan.scriptTimeoutSeconds * 1000,
    signal: ctx.signal,
  });
  const files = await listBackupFiles(workspace.backupDir);
  const only = files.length === 1 ? files[0] : undefined;
  if (!only) return { run, repository, files };
  const path = join(workspace.backupDir, only.path);
  try {
    const structure = archiveStructure(await readImageArchive(path));
    return { run, repository, files, archive: { path, structure } };
  } catch (error) {
    if (!(error instanceof ImageArchiveError)) throw error;
    return { run, repository, files, archive: { path, unreadable: error.message } };
  }
}

/** Removes the repository's tags (not the images by id: the run's build tag keeps its own). */
export async function untagRepository(ctx: Pick<FixtureContext, "engine" | "runId">, repository: string): Promise<void> {
  for (const image of await ctx.engine.images.listByLabel(RUN_LABEL, ctx.runId)) {
    for (const tag of image.repoTags.filter((ref) => ref.startsWith(`${repository}:`))) await ctx.engine.images.remove(tag);
  }
}
