import { text } from "../../kernel/text.ts";
import type { CourseRef } from "../../kernel/check.ts";

/**
 * Sections of chapter 06 ("Docker Compose v2 (multi-services)" in shared/course) that the Compose
 * checks point students to. Same shape as COURSE in ../course.ts, kept here with the checks.
 */
export const COMPOSE_COURSE = {
  services: ref("`compose.yaml` : services, réseaux, volumes, secrets, configs", "`compose.yaml`: services, networks, volumes, secrets, configs"),
  healthDependencies: ref(
    "Services : `healthcheck` et `depends_on` (condition: service_healthy)",
    "Services: `healthcheck` and `depends_on` (condition: service_healthy)",
  ),
  environment: ref("Services : `environment/env_file`", "Services: `environment/env_file`"),
  secrets: ref(
    "Secrets/configs : sources, montages, portée (pas de secrets dans les layers)",
    "Secrets/configs: sources, mounts, scope (no secrets in the layers)",
  ),
  profiles: ref("Profils (`profiles`) et overrides (`-f` multiples)", "Profiles (`profiles`) and overrides (multiple `-f`)"),
  devProd: ref("Dev vs prod : bind-mounts vs images, logs, ressources", "Dev vs prod: bind mounts vs images, logs, resources"),
  commands: ref("Commandes : `compose up/down/ps/logs/exec/config`", "Commands: `compose up/down/ps/logs/exec/config`"),
} as const;

function ref(fr: string, en: string): CourseRef {
  return { chapter: "06", section: text(fr, en) };
}
