import { text, type Text } from "../../kernel/text.ts";
import type { ArchiveFile, ImageArchive } from "./read-image-archive.ts";

/**
 * What a `docker save` archive must hold, checked the way `docker load` relies on it: manifest.json
 * naming one image, its config blob (whose sha256 is the image id), its layer blobs (whose sha256
 * are the config's `rootfs.diff_ids`, in order), and, when present, an OCI index.json whose
 * manifests are blobs of the archive pointing at the same config and layers. Pure: the archive as
 * read in, problems (every one at once) and the names a load would create out.
 */
export interface ArchiveStructure {
  readonly problems: readonly Text[];
  /** `sha256:<config digest>` when manifest.json names a config that is in the archive. */
  readonly imageId?: string;
  /** manifest.json's RepoTags: the tags `docker load` gives the image. */
  readonly repoTags: readonly string[];
  /** Every image name the archive holds (RepoTags, `repositories`, index.json annotations). */
  readonly names: readonly string[];
  readonly layerCount: number;
}

interface ManifestEntry {
  readonly Config?: unknown;
  readonly RepoTags?: unknown;
  readonly Layers?: unknown;
}

export function archiveStructure(archive: ImageArchive): ArchiveStructure {
  const problems: Text[] = [];
  const names = new Set<string>();
  const manifest = json(archive.files.get("manifest.json"));
  const entries = Array.isArray(manifest) ? (manifest as ManifestEntry[]) : undefined;
  let imageId: string | undefined;
  let repoTags: string[] = [];
  let layerCount = 0;
  if (!entries) {
    problems.push(
      archive.files.has("manifest.json")
        ? text("manifest.json n'est pas une liste JSON.", "manifest.json is not a JSON list.")
        : text("Pas de manifest.json à la racine.", "No manifest.json at the root."),
    );
  } else if (entries.length !== 1) {
    problems.push(text(`manifest.json décrit ${entries.length} images au lieu d'une.`, `manifest.json describes ${entries.length} images instead of one.`));
  } else {
    const entry = entries[0] as ManifestEntry;
    repoTags = strings(entry.RepoTags);
    repoTags.forEach((tag) => names.add(tag));
    const config = typeof entry.Config === "string" ? archive.files.get(clean(entry.Config)) : undefined;
    if (!config)
      problems.push(
        text(`Le config nommé par manifest.json (${String(entry.Config)}) manque.`, `The config manifest.json names (${String(entry.Config)}) is missing.`),
      );
    else {
      imageId = `sha256:${config.sha256}`;
      const layers = strings(entry.Layers);
      layerCount = layers.length;
      problems.push(...layerProblems(archive, layers, diffIds(json(config))));
    }
  }
  const repositories = json(archive.files.get("repositories"));
  if (isRecord(repositories)) {
    for (const [repo, tags] of Object.entries(repositories)) if (isRecord(tags)) Object.keys(tags).forEach((tag) => names.add(`${repo}:${tag}`));
  }
  if (archive.files.has("index.json")) problems.push(...indexProblems(archive, imageId, names));
  return { problems, ...(imageId ? { imageId } : {}), repoTags, names: [...names].sort(), layerCount };
}

function layerProblems(archive: ImageArchive, layers: readonly string[], diffs: readonly string[] | undefined): Text[] {
  if (!diffs) return [text("Le config n'a pas de rootfs.diff_ids lisible.", "The config has no readable rootfs.diff_ids.")];
  const problems: Text[] = [];
  if (layers.length !== diffs.length) {
    problems.push(
      text(
        `manifest.json nomme ${layers.length} couches, le config en attend ${diffs.length}.`,
        `manifest.json names ${layers.length} layers, the config expects ${diffs.length}.`,
      ),
    );
  }
  layers.forEach((path, index) => {
    const layer = archive.files.get(clean(path));
    if (!layer) problems.push(text(`Couche ${index + 1} absente de l'archive : ${path}.`, `Layer ${index + 1} missing from the archive: ${path}.`));
    else if (diffs[index] !== undefined && `sha256:${layer.sha256}` !== diffs[index]) {
      problems.push(
        text(
          `Couche ${index + 1} (${path}) modifiée : son sha256 n'est pas ${diffs[index]}.`,
          `Layer ${index + 1} (${path}) altered: its sha256 is not ${diffs[index]}.`,
        ),
      );
    }
  });
  return problems;
}

/** index.json (OCI layout, written by Docker 25 and later): each manifest it lists is a blob here. */
function indexProblems(archive: ImageArchive, imageId: string | undefined, names: Set<string>): Text[] {
  const index = json(archive.files.get("index.json"));
  const manifests = isRecord(index) && Array.isArray(index["manifests"]) ? (index["manifests"] as unknown[]) : undefined;
  if (!manifests) return [text("index.json n'a pas de liste `manifests`.", "index.json has no `manifests` list.")];
  const problems: Text[] = [];
  for (const descriptor of manifests) {
    const digest = isRecord(descriptor) && typeof descriptor["digest"] === "string" ? descriptor["digest"] : "";
    const annotations = isRecord(descriptor) && isRecord(descriptor["annotations"]) ? descriptor["annotations"] : {};
    if (typeof annotations["io.containerd.image.name"] === "string") names.add(annotations["io.containerd.image.name"]);
    const blob = archive.files.get(blobPath(digest));
    if (!blob || `sha256:${blob.sha256}` !== digest) {
      problems.push(
        text(`index.json cite ${digest || "(sans digest)"}, absent ou altéré.`, `index.json lists ${digest || "(no digest)"}, missing or altered.`),
      );
      continue;
    }
    const config = json(blob);
    const configDigest = isRecord(config) && isRecord(config["config"]) ? config["config"]["digest"] : undefined;
    if (imageId !== undefined && configDigest !== imageId) {
      problems.push(
        text(
          `Le manifeste OCI ${digest} pointe vers un autre config que manifest.json.`,
          `OCI manifest ${digest} points at another config than manifest.json.`,
        ),
      );
    }
  }
  return problems;
}

function diffIds(config: unknown): string[] | undefined {
  const rootfs = isRecord(config) ? config["rootfs"] : undefined;
  return isRecord(rootfs) && Array.isArray(rootfs["diff_ids"]) ? strings(rootfs["diff_ids"]) : undefined;
}

function blobPath(digest: string): string {
  return `blobs/${digest.replace(":", "/")}`;
}

function clean(path: string): string {
  return path.replace(/^(\.\/)+/, "");
}

function json(file: ArchiveFile | undefined): unknown {
  if (!file?.bytes) return undefined;
  try {
    return JSON.parse(file.bytes.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
