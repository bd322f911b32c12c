import { text } from "../../kernel/text.ts";
import type { CourseRef } from "../../kernel/check.ts";

/** Sections of the course outline (shared/course) that the runtime checks point students to. */
export const RUNTIME_COURSE = {
  restartPolicy: ref("02", "Modes : -d, --name, --restart (politiques de redémarrage)", "Modes: -d, --name, --restart (restart policies)"),
  stopSignals: ref("02", "Signaux et PID 1, délais d'arrêt (stop -t), --init", "Signals and PID 1, stop timeouts (stop -t), --init"),
  logs: ref("02", "Observabilité : logs (tail/since/follow) ; et chapitre 09, journaux sur stdout", "Observability: logs (tail/since/follow); and chapter 09, logging to stdout"),
  limits: ref("02", "Limites : --cpus, --memory, --pids-limit", "Limits: --cpus, --memory, --pids-limit"),
  healthcheck: ref("02", "Healthchecks : --health-cmd/* (états healthy/unhealthy)", "Healthchecks: --health-cmd/* (healthy/unhealthy states)"),
  capabilities: ref("08", "Runtime : --cap-drop/--cap-add (et chapitre 02, principe de moindre privilège)", "Runtime: --cap-drop/--cap-add (and chapter 02, least privilege)"),
  readOnly: ref("03", "Durcissement : --read-only + tmpfs pour /run et /tmp", "Hardening: --read-only + tmpfs for /run and /tmp"),
  noNewPrivileges: ref("08", "Runtime : --security-opt no-new-privileges", "Runtime: --security-opt no-new-privileges"),
} as const;

function ref(chapter: string, fr: string, en: string): CourseRef {
  return { chapter, section: text(fr, en) };
}
