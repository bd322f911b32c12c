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

export function secretFinding(located: LocatedLayers, secret: LayerSecret, check: string): FindingInput {
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
    check,
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
