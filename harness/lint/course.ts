import type { CourseRef } from "../kernel/check.ts";
import { COURSE } from "../kernel/course.ts";
import { text } from "../kernel/text.ts";

/** The course sections lint rules come from: 05 (writing a Dockerfile), 08 (security), 10 (performance). */
export const LINT_COURSE = {
  instructions: COURSE.dockerfileInstructions,
  pinning: COURSE.pinning,
  leastPrivilege: ref("08", "Image : utilisateur non-root, moindre privilège", "Image: non-root user, least privilege"),
  secrets: ref("08", "Secrets : jamais dans ENV ni ARG, montés au build (`--mount=type=secret`) ou à l'exécution", "Secrets: never in ENV or ARG, mounted at build (`--mount=type=secret`) or at run time"),
  imageSize: COURSE.imageSize,
  layers: ref("10", "Couches et cache de build : regrouper, nettoyer dans la même couche", "Layers and build cache: group commands, clean up in the same layer"),
} as const;

function ref(chapter: string, fr: string, en: string): CourseRef {
  return { chapter, section: text(fr, en) };
}
