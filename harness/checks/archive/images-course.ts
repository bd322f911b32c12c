import { text } from "../../kernel/text.ts";
import type { CourseRef } from "../../kernel/check.ts";

/**
 * Sections of chapter 01 ("Images Docker" in shared/course) that the release and archive checks
 * point students to. Same shape as COURSE in ../course.ts, kept here with the checks.
 */
export const IMAGES_COURSE = {
  naming: ref("Nommage : `[registry]/[namespace]/repo:tag` et `@sha256:…`", "Naming: `[registry]/[namespace]/repo:tag` and `@sha256:…`"),
  ociLabels: ref("`docker build`, `.dockerignore`, labels OCI (`org.opencontainers.image.*`)", "`docker build`, `.dockerignore`, OCI labels (`org.opencontainers.image.*`)"),
  tagging: ref("`docker tag`, stratégies de versionning (SemVer, politique de `latest`)", "`docker tag`, versioning strategies (SemVer, the `latest` policy)"),
  saveLoad: ref("Portabilité : `docker save/load` vs `export/import`", "Portability: `docker save/load` vs `export/import`"),
  ociModel: ref("Le modèle OCI (layers, manifest, digest, index)", "The OCI model (layers, manifest, digest, index)"),
} as const;

function ref(fr: string, en: string): CourseRef {
  return { chapter: "01", section: text(fr, en) };
}
