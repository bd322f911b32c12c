import { join } from "node:path";
import { text, verbatim } from "../../kernel/text.ts";
import { runContainedScript } from "../../sandbox/script-container.ts";
import type { FixtureContext } from "../context.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { createScriptWorkspace, listBackupFiles } from "../storage/script-workspace.ts";
import { loadArchive } from "./archive-load.ts";
import { archiveStructure } from "./archive-structure.ts";
import { releaseRepository, untagRepository } from "./release-repository.ts";
import type { ShipOutcome, ShipPlan } from "./ship-types.ts";
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
