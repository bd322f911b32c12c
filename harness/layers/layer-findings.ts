import type { CourseRef } from "../kernel/check.ts";
import { COURSE } from "../kernel/course-outline.ts";
import type { FindingInput } from "../kernel/findings.ts";
import { text, type Text } from "../kernel/text.ts";
import { bytesText } from "../kernel/byte-size.ts";
import type { ContentFinding } from "./final-content.ts";
import { layerLocation, type LocatedLayers } from "./image-analysis.ts";
import type { LayerSecret } from "./layer-secrets.ts";

/** What each secret rule finds, for the student's message. */
const SECRET_NAMES: Readonly<Record<string, Text>> = {
  "secret/private-key": text("une clé privée", "a private key"),
  "secret/env-file": text("un fichier .env avec des valeurs", "an .env file with values"),
  "secret/cloud-credentials": text("des identifiants cloud", "cloud credentials"),
  "secret/token": text("un jeton ou un mot de passe", "a token or a password"),
};

const CONTENT_NAMES: Readonly<Record<string, Text>> = {
  "content/git": text("un dépôt .git", "a .git repository"),
  "content/package-cache": text("un cache de paquets", "a package cache"),
  "content/build-tools": text("des outils de compilation", "build tools"),
  "content/dev-dependencies": text("des dépendances de développement", "development dependencies"),
  "content/junk": text("des fichiers d'éditeur ou de test", "editor or test leftovers"),
};

const CONTENT_COURSE: Readonly<Record<string, CourseRef>> = {
  "content/build-tools": COURSE.build.multiStage,
  "content/dev-dependencies": COURSE.build.multiStage,
};

export function secretName(rule: string): Text {
  return SECRET_NAMES[rule] ?? text("un secret", "a secret");
}

export function contentName(rule: string): Text {
  return CONTENT_NAMES[rule] ?? text("un contenu inutile", "unneeded content");
}

/** `couche 4 (RUN echo … > /root/id_rsa)`: which layer, by the instruction that made it. */
export function layerName(located: LocatedLayers, layer: number): Text {
  const instruction = located.origins[layer]?.instruction ?? "";
  const shown = instruction === "" ? "" : ` (${instruction})`;
  return text(`couche ${layer + 1}${shown}`, `layer ${layer + 1}${shown}`);
}

/** Where a finding points: the line of the layer's instruction, in the Dockerfile. */
function place(located: LocatedLayers, layer: number): Pick<FindingInput, "file" | "line"> {
  const location = layerLocation(located, layer);
  return { file: location?.file ?? "Dockerfile", ...(location?.line === undefined ? {} : { line: location.line }) };
}

/** `check` is the scored check that reported it; absent when the scan of every built image did, unscored. */
export function secretFinding(located: LocatedLayers, secret: LayerSecret, check?: string): FindingInput {
  const what = secretName(secret.rule);
  const layer = layerName(located, secret.layer);
  const fate = secret.deleted
    ? text(
        "supprimé(e) par une couche suivante, mais toujours lisible dans celle-ci (`docker save`)",
        "deleted by a later layer, but still readable in this one (`docker save`)",
      )
    : text("toujours présent(e) dans l'image finale", "still present in the final image");
  return {
    kind: "secret",
    rule: secret.rule,
    severity: "error",
    message: text(
      `${what.fr} dans ${secret.path}, ajouté(e) par la ${layer.fr} : ${fate.fr}.`,
      `${capital(what.en)} in ${secret.path}, added by ${layer.en}: ${fate.en}.`,
    ),
    ...place(located, secret.layer),
    course: COURSE.build.buildkitMounts,
    path: secret.path,
    bytes: secret.bytes,
    ...(check === undefined ? {} : { check }),
  };
}

/** Why an image the run built was not scanned: too large to read, or gone or unreadable when the scan came. */
export type UnscannedReason =
  | { readonly reason: "too-large"; readonly bytes: number; readonly limitBytes: number }
  | { readonly reason: "unreadable"; readonly detail: string };

/**
 * Said where the scan of an image could not run, so that no finding is not read as no secret.
 * Too large is the student's to fix (a warning); unreadable is the grader's trouble (an info).
 */
export function unscannedFinding(name: string, file: string, why: UnscannedReason): FindingInput {
  const image = name === "image" ? text("l'image", "the image") : text(`l'image du service ${name}`, `the image of service ${name}`);
  const common = { kind: "secret" as const, file, course: COURSE.build.buildkitMounts };
  if (why.reason === "too-large") {
    const size = bytesText(why.bytes);
    const limit = bytesText(why.limitBytes);
    return {
      ...common,
      rule: "secret/image-too-large",
      severity: "warning",
      message: text(
        `${capital(image.fr)} pèse ${size.fr}, plus que les ${limit.fr} que le correcteur lit : ses couches n'ont pas été examinées, ni la recherche de secrets faite.`,
        `${capital(image.en)} weighs ${size.en}, more than the ${limit.en} the grader reads: its layers were not examined, nor searched for secrets.`,
      ),
      bytes: why.bytes,
    };
  }
  return {
    ...common,
    rule: "secret/not-scanned",
    severity: "info",
    message: text(
      `Le correcteur n'a pas pu lire ${image.fr} pour en examiner les couches (${why.detail}) : la recherche de secrets n'a pas eu lieu. Ce n'est pas une faute de votre part.`,
      `The grader could not read ${image.en} to examine its layers (${why.detail}): it was not searched for secrets. This is not your fault.`,
    ),
  };
}

export function contentFinding(located: LocatedLayers, content: ContentFinding, check: string): FindingInput {
  const what = contentName(content.rule);
  const layer = layerName(located, content.layer);
  const size = bytesText(content.bytes);
  const example = content.examples[0] ?? "";
  return {
    kind: "content",
    rule: content.rule,
    severity: "warning",
    message: text(
      `${capital(what.fr)} dans l'image finale : ${content.files} fichier(s), ${size.fr}, ajouté(s) par la ${layer.fr} (par exemple ${example}).`,
      `${capital(what.en)} in the final image: ${content.files} file(s), ${size.en}, added by ${layer.en} (e.g. ${example}).`,
    ),
    ...place(located, content.layer),
    course: CONTENT_COURSE[content.rule] ?? COURSE.performance.layersAndCache,
    path: example,
    bytes: content.bytes,
    check,
  };
}

/** One finding per layer of the student's own that ships bytes a later layer replaces or removes. */
export function wasteFindings(located: LocatedLayers, check: string): FindingInput[] {
  return located.layers.layers.flatMap((layer, index) => {
    if (layer.wastedBytes === 0 || located.origins[index]?.fromBase) return [];
    const size = bytesText(layer.wastedBytes);
    const name = layerName(located, index);
    return [
      {
        kind: "waste" as const,
        rule: "waste/overwritten-or-deleted",
        severity: "warning" as const,
        message: text(
          `La ${name.fr} livre ${size.fr} qu'une couche suivante remplace ou supprime : ces octets restent dans l'image sans servir.`,
          `${capital(name.en)} ships ${size.en} that a later layer replaces or deletes: those bytes stay in the image for nothing.`,
        ),
        ...place(located, index),
        course: COURSE.performance.layersAndCache,
        bytes: layer.wastedBytes,
        check,
      },
    ];
  });
}

function capital(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
