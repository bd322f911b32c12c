import { text } from "../../kernel/text.ts";
import type { CourseRef } from "../../kernel/check.ts";

/**
 * Sections of chapter 03 ("Storage (volumes, bind mounts, tmpfs)" in shared/course) that the
 * storage checks point students to. Same shape as COURSE in ../course.ts, kept here with the checks.
 */
export const STORAGE_COURSE = {
  writableLayer: ref("Rappel overlay2 et writable layer", "Overlay2 and the writable layer, a reminder"),
  namedVolumes: ref(
    "Volumes nommés : `volume create/ls/inspect/rm/prune`, pré-population",
    "Named volumes: `volume create/ls/inspect/rm/prune`, pre-population",
  ),
  bindMounts: ref("Bind mounts vs `--mount`, options `ro`, propagation", "Bind mounts vs `--mount`, the `ro` option, propagation"),
  uidGid: ref("SELinux `:Z/:z`, gestion UID/GID, `-u`", "SELinux `:Z/:z`, UID/GID handling, `-u`"),
  readOnlyTmpfs: ref(
    "Durcissement : `--read-only` + `tmpfs` pour `/run` et `/tmp`",
    "Hardening: `--read-only` + `tmpfs` for `/run` and `/tmp`",
  ),
  backupRestore: ref(
    "Sauvegarde/restauration (archives tar via conteneur utilitaire), plan de rotation",
    "Backup and restore (tar archives through a helper container), rotation plan",
  ),
} as const;

function ref(fr: string, en: string): CourseRef {
  return { chapter: "03", section: text(fr, en) };
}
