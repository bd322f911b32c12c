import { text } from "../../kernel/text.ts";
import { formatSeconds } from "../image/units.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { usableBackup, type BackupPlan, type ScriptOutcome } from "./backup-plan.ts";
import { runningService } from "./service-container.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { compareContent, compareOwnership, describeContentDifferences, describeManifest, sameContent } from "./volume-manifest.ts";

const HELPER_HINT = text(
  "Le modèle : `docker run --rm -v \"${COMPOSE_PROJECT_NAME}_<volume>:/data:ro\" -v \"$BACKUP_DIR:/backup\" busybox:1.37 tar czf /backup/<volume>.tar.gz -C /data .` Le conteneur utilitaire monte le volume et le dossier de sauvegarde, fait l'archive, puis disparaît (`--rm`). `docker cp` ne fait pas d'archive et a besoin du conteneur de l'app, qui n'existe plus quand il faut restaurer.",
  'The pattern: `docker run --rm -v "${COMPOSE_PROJECT_NAME}_<volume>:/data:ro" -v "$BACKUP_DIR:/backup" busybox:1.37 tar czf /backup/<volume>.tar.gz -C /data .` The helper container mounts the volume and the backup folder, makes the archive, then goes away (`--rm`). `docker cp` makes no archive and needs the app\'s container, which no longer exists when a restore is needed.',
);

/** The student's backup script archives the volume into $BACKUP_DIR through a helper container. */
export function backupCheck(plan: BackupPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "storage-backup",
      title: text(`${plan.backupScript} archive le volume dans $BACKUP_DIR`, `${plan.backupScript} archives the volume into $BACKUP_DIR`),
      points: 3,
      needs: ["storage-volume-kind"],
      course: COURSE.storage.backupRestore,
      hint: HELPER_HINT,
      timeoutMs: (plan.scriptTimeoutSeconds + 90) * 1000,
      async run(ctx) {
        const outcome = await ctx.use(plan.backup);
        if (!outcome.ready) return outcome.verdict;
        const scriptVerdict = judgeScript(outcome.script, plan.scriptTimeoutSeconds);
        if (scriptVerdict) return scriptVerdict;
        const listing = outcome.files.map((file) => `${file.path} ${file.size} B ${file.kind ?? "not an archive"}`).join("\n") || "(empty)";
        if (!usableBackup(outcome)) {
          return failed(text("Aucune archive tar dans $BACKUP_DIR après la sauvegarde.", "No tar archive in $BACKUP_DIR after the backup."), {
            expected: "$BACKUP_DIR/<name>.tar or .tar.gz",
            actual: listing,
            details: outcome.script.run?.output,
          });
        }
        const seconds = formatSeconds(outcome.script.run?.durationMs ?? 0);
        if (outcome.script.helpersLeft.length > 0) {
          return failed(
            text(
              "L'archive est faite, mais le conteneur utilitaire est resté : ajoutez `--rm` à `docker run`.",
              "The archive is made, but the helper container stayed behind: add `--rm` to `docker run`.",
            ),
            { expected: "no container left", actual: outcome.script.helpersLeft.join("\n"), credit: 0.5 },
          );
        }
        return passed(text(`Archive faite en ${seconds} :\n${listing}`, `Archive made in ${seconds}:\n${listing}`), describeManifest(outcome.source));
      },
    },
    overrides,
  );
}

/** After `down -v`, the restore script brings back the volume byte for byte (SHA-256 of every file). */
export function restoreCheck(plan: BackupPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "storage-restore",
      title: text(`${plan.restoreScript} restaure un volume identique octet pour octet`, `${plan.restoreScript} restores a byte-identical volume`),
      points: 4,
      needs: ["storage-volume-kind"],
      course: COURSE.storage.backupRestore,
      hint: text(
        "La restauration part de rien (le volume a été supprimé) : un conteneur utilitaire monte le volume du projet (`docker run -v` le crée) et l'archive, puis extrait au même endroit qu'à la sauvegarde : `tar xzf /backup/<volume>.tar.gz -C /data`. Archivez avec `-C /data .` pour des chemins relatifs au volume.",
        "The restore starts from nothing (the volume was deleted): a helper container mounts the project's volume (`docker run -v` creates it) and the archive, then extracts where the backup was taken: `tar xzf /backup/<volume>.tar.gz -C /data`. Archive with `-C /data .` for paths relative to the volume.",
      ),
      timeoutMs: (plan.scriptTimeoutSeconds + 120) * 1000,
      async run(ctx) {
        const outcome = await ctx.use(plan.restore);
        if (!outcome.ready) return outcome.verdict;
        const scriptVerdict = judgeScript(outcome.script, plan.scriptTimeoutSeconds);
        if (scriptVerdict) return scriptVerdict;
        if (outcome.upError !== undefined || !outcome.restored) {
          return failed(text("La stack ne démarre pas sur le volume restauré.", "The stack does not start on the restored volume."), {
            details: outcome.upError,
          });
        }
        const differences = compareContent(outcome.backup.source, outcome.restored);
        if (sameContent(differences)) {
          return passed(
            text(
              `${differences.sourceFiles} fichier(s) restauré(s) à l'identique (SHA-256).`,
              `${differences.sourceFiles} file(s) restored identical (SHA-256).`,
            ),
            describeManifest(outcome.restored),
          );
        }
        return failed(text("Le volume restauré n'est pas identique à celui sauvegardé.", "The restored volume is not identical to the one backed up."), {
          expected: describeManifest(outcome.backup.source),
          actual: describeManifest(outcome.restored),
          details: describeContentDifferences(differences),
          credit: differences.sourceFiles === 0 ? 0 : (differences.identicalFiles / differences.sourceFiles) * 0.5,
        });
      },
    },
    overrides,
  );
}

/** On the restored volume, owners and permissions are those of the backup: the app reads and writes again. */
export function restoreWritableCheck(plan: BackupPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "storage-restore-writable",
      title: text("Après restauration, l'app relit et écrit ses données", "After the restore, the app reads and writes its data again"),
      points: 2,
      needs: ["storage-restore"],
      course: COURSE.storage.uidGid,
      hint: text(
        "Exécuté en root, `tar` restaure propriétaires et droits enregistrés dans l'archive ; `tar -o` (ou `--no-same-owner`), une copie avec `cp`, ou un `chown` oublié rendent les fichiers à root, et l'app, qui ne tourne pas en root, ne peut plus écrire. Comparez `ls -ln` avant et après.",
        "Run as root, `tar` restores the owners and permissions stored in the archive; `tar -o` (or `--no-same-owner`), a copy with `cp`, or a forgotten `chown` hand the files to root, and the app, which does not run as root, can no longer write. Compare `ls -ln` before and after.",
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const outcome = await ctx.use(plan.restore);
        if (!outcome.ready) return outcome.verdict;
        if (!outcome.restored || !outcome.stack) throw new Error("restore-writable ran without a restored stack");
        const ownership = compareOwnership(outcome.backup.source, outcome.restored);
        const lookup = await runningService(outcome.stack, plan.service);
        if (!lookup.ok) return lookup.verdict;
        const problems: string[] = [];
        for (const [key, value] of outcome.backup.seeded) {
          const read = await plan.probe.read(ctx, lookup.container, key);
          if (read.value !== value) problems.push(`read ${key}: ${read.output || "(nothing)"}`);
        }
        const probeKey = `dockgrade-after-restore-${ctx.runId}`;
        const write = await plan.probe.write(ctx, lookup.container, probeKey, "ok");
        if (!write.ok) problems.push(`write ${probeKey}: ${write.output || "(nothing)"}`);
        const changes =
          ownership.length > 0
            ? ["owner/permission changes (mode uid:gid):", ...ownership.slice(0, 8), ...(ownership.length > 8 ? [`… +${ownership.length - 8}`] : [])]
            : [];
        if (problems.length > 0) {
          return failed(
            text(
              "Sur le volume restauré, l'app ne relit pas ou n'écrit plus ses données.",
              "On the restored volume, the app cannot read or write its data any more.",
            ),
            { expected: "reads and writes succeed", actual: [...problems, ...changes].join("\n") },
          );
        }
        if (changes.length > 0) {
          return failed(
            text(
              "L'app fonctionne, mais propriétaires ou droits ont changé pendant la restauration.",
              "The app works, but owners or permissions changed during the restore.",
            ),
            { expected: "same owners and modes", actual: changes.join("\n"), credit: 0.5 },
          );
        }
        return passed(
          text("Propriétaires et droits intacts ; l'app relit ses données et écrit.", "Owners and permissions intact; the app reads its data and writes."),
        );
      },
    },
    overrides,
  );
}

/** A script that could not run or did not succeed; undefined when it exited 0 in time. */
function judgeScript(outcome: ScriptOutcome, limitSeconds: number): Verdict | undefined {
  const problem = outcome.problems[0];
  if (problem) {
    return failed(problem.message, { actual: `${outcome.script}:${problem.line}: ${problem.excerpt}` });
  }
  const run = outcome.run;
  if (!run) throw new Error(`${outcome.script} was neither refused nor run`);
  if (run.timedOut) {
    return failed(
      text(
        `${outcome.script} ne s'est pas terminé en ${limitSeconds} s : il a été arrêté.`,
        `${outcome.script} did not finish within ${limitSeconds} s: it was stopped.`,
      ),
      {
        actual: lastLines(run.output) || "(no output)",
        details: run.output,
      },
    );
  }
  if (run.exitCode !== 0) {
    return failed(text(`\`sh ${outcome.script}\` échoue (code ${run.exitCode}).`, `\`sh ${outcome.script}\` fails (exit code ${run.exitCode}).`), {
      expected: "exit 0",
      actual: [`exit ${run.exitCode}`, lastLines(run.output)].filter(Boolean).join("\n"),
      details: run.output,
    });
  }
  return undefined;
}

/** The end of a script's output: where its error usually is. */
function lastLines(output: string, count = 6): string {
  return output.trim().split("\n").slice(-count).join("\n");
}
