import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ComposeUpError, type ComposeStack } from "../../engine/clients/compose-client.ts";
import { text } from "../../kernel/text.ts";
import { failed, type Verdict } from "../../kernel/check.ts";
import type { Fixture, FixtureContext } from "../context.ts";
import type { DataProbe } from "./data-probe.ts";
import { declaredMount } from "./mount-rules.ts";
import { runScript, scriptEnvironment, type ScriptRun } from "./script-runner.ts";
import { scriptProblems, type ScriptProblem } from "./script-rules.ts";
import { createScriptWorkspace, listBackupFiles, type BackupFile, type ScriptWorkspace } from "./script-workspace.ts";
import { runningService } from "./service-container.ts";
import { storageSession } from "./storage-session.ts";
import type { Manifest } from "./volume-manifest.ts";
import { readVolumeManifest } from "./volume-probe.ts";

export interface BackupPlanOptions {
  readonly service: string;
  /** The app's data folder, where the project's named volume is mounted. */
  readonly dataDir: string;
  /** How the grader stores the data it backs up, and reads it after the restore. */
  readonly probe: DataProbe;
  readonly backupScript?: string;
  readonly restoreScript?: string;
  readonly scriptTimeoutSeconds?: number;
}

/** A stage could not even start (no volume, the app does not store data): the check shows why. */
export interface NotReady {
  readonly ready: false;
  readonly verdict: Verdict;
}

export interface ScriptOutcome {
  readonly script: string;
  /** Static problems; `docker-internals` and `crlf` mean the script was not run. */
  readonly problems: readonly ScriptProblem[];
  readonly run?: ScriptRun;
  /** Helper containers still there after the script (started without --rm), removed since. */
  readonly helpersLeft: readonly string[];
}

export interface BackupOutcome {
  readonly ready: true;
  readonly volume: string;
  /** What the grader stored through the app before the backup. */
  readonly seeded: ReadonlyMap<string, string>;
  /** The volume as it was backed up. */
  readonly source: Manifest;
  readonly workspace: ScriptWorkspace;
  readonly script: ScriptOutcome;
  readonly files: readonly BackupFile[];
}

export interface RestoreOutcome {
  readonly ready: true;
  readonly backup: BackupOutcome;
  readonly script: ScriptOutcome;
  /** Compose's words when the stack did not start on the restored volume. */
  readonly upError?: string;
  /** The volume after the restore; absent when the stack did not start. */
  readonly restored?: Manifest;
  readonly stack?: ComposeStack;
}

export interface BackupPlan {
  readonly service: string;
  readonly dataDir: string;
  readonly probe: DataProbe;
  readonly backupScript: string;
  readonly restoreScript: string;
  readonly scriptTimeoutSeconds: number;
  /** Seeds the app, stops the stack, runs the backup script. */
  readonly backup: Fixture<BackupOutcome | NotReady>;
  /** Deletes the volume (`down -v`), runs the restore script, starts the stack on what it restored. */
  readonly restore: Fixture<RestoreOutcome | NotReady>;
}

/**
 * The backup-and-restore scenario shared by the backup checks: one plan per suite, its two stages
 * set up once per run, in order, whichever check asks first.
 */
export function backupPlan(options: BackupPlanOptions): BackupPlan {
  const plan: BackupPlan = {
    service: options.service,
    dataDir: options.dataDir,
    probe: options.probe,
    backupScript: options.backupScript ?? "backup.sh",
    restoreScript: options.restoreScript ?? "restore.sh",
    scriptTimeoutSeconds: options.scriptTimeoutSeconds ?? 60,
    backup: { name: "backup", setUp: (ctx) => runBackup(ctx, plan) },
    restore: { name: "restore", setUp: (ctx) => runRestore(ctx, plan) },
  };
  return plan;
}

/** An archive the restore can start from: the script succeeded and left a tar (compressed or not). */
export function usableBackup(outcome: BackupOutcome): boolean {
  const run = outcome.script.run;
  return run !== undefined && run.exitCode === 0 && !run.timedOut && outcome.files.some((file) => file.kind?.startsWith("tar"));
}

async function runBackup(ctx: FixtureContext, plan: BackupPlan): Promise<BackupOutcome | NotReady> {
  const session = await ctx.use(storageSession);
  const declared = declaredMount(session.project.model, plan.service, plan.dataDir);
  if (declared.kind !== "named" || declared.external || !declared.projectScoped) {
    return notReady(
      text(
        `Aucun volume nommé du projet n'est monté sur ${plan.dataDir} : rien à sauvegarder.`,
        `No named volume of the project is mounted on ${plan.dataDir}: nothing to back up.`,
      ),
    );
  }
  const lookup = await runningService(session.stack, plan.service);
  if (!lookup.ok) return { ready: false, verdict: lookup.verdict };
  const seeded = seedValues();
  for (const [key, value] of seeded) {
    const reply = await plan.probe.write(ctx, lookup.container, key, value);
    if (!reply.ok) {
      return notReady(
        text(
          `L'app n'a pas enregistré les données à sauvegarder (${plan.probe.description}).`,
          `The app did not store the data to back up (${plan.probe.description}).`,
        ),
        reply.output,
      );
    }
  }
  // A cold backup: with the app stopped, nothing writes while the archive is made. Stopped, not
  // removed: `--volumes-from <container>` works as well as `-v <volume>:…`.
  await stopAll(session.stack);
  const source = await readVolumeManifest(ctx, declared.name);
  const workspace = await createScriptWorkspace(ctx);
  const script = await runStudentScript(ctx, plan, workspace, plan.backupScript, declared.name, session.project.spec.projectName);
  return { ready: true, volume: declared.name, seeded, source, workspace, script, files: await listBackupFiles(workspace.backupDir) };
}

async function runRestore(ctx: FixtureContext, plan: BackupPlan): Promise<RestoreOutcome | NotReady> {
  const backup = await ctx.use(plan.backup);
  if (!backup.ready) return backup;
  if (!usableBackup(backup)) {
    return notReady(
      text(
        "Aucune archive à restaurer : la sauvegarde n'a pas produit d'archive tar dans $BACKUP_DIR.",
        "No archive to restore: the backup did not produce a tar archive in $BACKUP_DIR.",
      ),
    );
  }
  const session = await ctx.use(storageSession);
  // The disaster: containers and volume gone. Whatever created the volume, the restore starts from nothing.
  await session.down({ removeVolumes: true });
  await ctx.engine.volumes.remove(backup.volume);
  const script = await runStudentScript(ctx, plan, backup.workspace, plan.restoreScript, backup.volume, session.project.spec.projectName);
  try {
    const stack = await session.restart({ removeVolumes: false });
    return { ready: true, backup, script, restored: await readVolumeManifest(ctx, backup.volume), stack };
  } catch (error) {
    if (!(error instanceof ComposeUpError)) throw error;
    return { ready: true, backup, script, upError: error.output };
  }
}

async function runStudentScript(
  ctx: FixtureContext,
  plan: BackupPlan,
  workspace: ScriptWorkspace,
  script: string,
  volume: string,
  projectName: string,
): Promise<ScriptOutcome> {
  const source = await readFile(join(workspace.workDir, script), "utf8");
  const problems = scriptProblems(source);
  if (problems.length > 0) return { script, problems, helpersLeft: [] };
  const run = await runScript({
    engine: ctx.engine,
    runId: ctx.runId,
    exerciseId: ctx.exercise.id,
    script,
    workDir: workspace.workDir,
    backupDir: workspace.backupDir,
    env: scriptEnvironment({ projectName, backupDir: workspace.backupDir }),
    timeoutMs: plan.scriptTimeoutSeconds * 1000,
    signal: ctx.signal,
  });
  return { script, problems, run, helpersLeft: await workspace.sweepHelpers([volume]) };
}

async function stopAll(stack: ComposeStack): Promise<void> {
  for (const name of stack.serviceNames) {
    try {
      await stack.service(name).stop(10);
    } catch {
      // Not running: nothing to stop.
    }
  }
}

/** Values with spaces and accents: a backup must keep bytes, not only ASCII. */
function seedValues(): Map<string, string> {
  const token = () => randomBytes(6).toString("hex");
  return new Map([
    ["dockgrade-seed-1", token()],
    ["dockgrade-seed-2", `valeur avec des espaces ${token()}`],
    ["dockgrade-seed-3", `café crème ${token()}`],
  ]);
}

function notReady(message: ReturnType<typeof text>, details?: string): NotReady {
  return { ready: false, verdict: failed(message, details === undefined ? {} : { details }) };
}
