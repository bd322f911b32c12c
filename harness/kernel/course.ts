import { text } from "./text.ts";
import type { CourseRef } from "./check.ts";

/** Sections of the course outline (shared/course) that the checks point students to. */
export const COURSE = {
  dockerfileInstructions: ref("05", "Instructions : FROM, RUN, COPY/ADD, USER, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK", "Instructions: FROM, RUN, COPY/ADD, USER, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK"),
  multiStage: ref("05", "Multi-stage : séparation builder/runtime, réduction de surface d'attaque", "Multi-stage: separating builder and runtime, reducing the attack surface"),
  nonRootUser: ref("05", "`USER` non-root (et chapitre 08, moindre privilège)", "Non-root `USER` (and chapter 08, least privilege)"),
  healthcheck: ref("02", "Healthchecks : états healthy/unhealthy", "Healthchecks: healthy/unhealthy states"),
  ociLabels: ref("05", "Labels OCI (source, version, revision…)", "OCI labels (source, version, revision…)"),
  signalsPid1: ref("02", "Signaux et PID 1, forme exec de CMD/ENTRYPOINT", "Signals and PID 1, exec form of CMD/ENTRYPOINT"),
  pinning: ref("05", "Pinning des versions et des digests", "Pinning versions and digests"),
  buildSecrets: ref("05", "BuildKit : RUN --mount=type=secret (et chapitre 08, secrets hors des couches)", "BuildKit: RUN --mount=type=secret (and chapter 08, secrets out of layers)"),
  imageSize: ref("10", "Choix de l'image de base, multi-stage, taille et couches", "Base image choice, multi-stage, size and layers"),
  composeModel: ref("06", "Modèle Compose : services, réseaux, volumes, secrets, profils", "The Compose model: services, networks, volumes, secrets, profiles"),
  composeLifecycle: ref("06", "Cycle de vie : up, down, dépendances et ordre de démarrage", "Lifecycle: up, down, dependencies and start order"),
} as const;

function ref(chapter: string, fr: string, en: string): CourseRef {
  return { chapter, section: text(fr, en) };
}
