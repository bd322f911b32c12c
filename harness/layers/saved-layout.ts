import type { HistoryRecord } from "./saved-image.ts";

/** The archive is not what `docker save` writes: no manifest, a layer in an unknown compression... */
export class SavedImageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SavedImageFormatError";
  }
}

/** How the archive ties its blobs together, from manifest.json and the config. */
export interface SavedLayout {
  /** The config digest, i.e. the image id. */
  readonly id: string;
  /** The config blob's name and its JSON: ENV, labels, history... */
  readonly config: { readonly blob: string; readonly document: unknown };
  readonly history: readonly HistoryRecord[];
  /** Bottom first: each layer's blob name and digest. */
  readonly layers: readonly { readonly blob: string; readonly digest: string }[];
}

interface ManifestEntry {
  readonly Config?: string;
  readonly Layers?: readonly string[];
}

interface ConfigDocument {
  readonly history?: readonly { created_by?: string; comment?: string; empty_layer?: boolean }[];
}

/**
 * The layout the manifest describes, from the JSON documents of the archive (by blob name) and the
 * names of the blobs read as layer tars: a config or a layer it names and the archive lacks is an error.
 */
export function layoutOf(documents: ReadonlyMap<string, Buffer>, tars: ReadonlySet<string>): SavedLayout {
  const manifest = parse<ManifestEntry[]>(documents, "manifest.json")?.[0];
  if (!manifest?.Config) throw new SavedImageFormatError("the image archive has no manifest.json naming a config");
  const blob = normalise(manifest.Config);
  const document = parse<ConfigDocument>(documents, blob);
  if (!document) throw new SavedImageFormatError(`the image archive lacks its config ${manifest.Config}`);
  const history: HistoryRecord[] = (document.history ?? []).map((record) => ({
    createdBy: record.created_by ?? "",
    comment: record.comment ?? "",
    emptyLayer: record.empty_layer === true,
  }));
  const layers = (manifest.Layers ?? []).map((path) => {
    if (!tars.has(normalise(path))) throw new SavedImageFormatError(`the image archive lacks its layer ${path}`);
    return { blob: normalise(path), digest: digestOf(path) };
  });
  return { id: digestOf(manifest.Config), config: { blob, document }, history, layers };
}

function parse<T>(documents: ReadonlyMap<string, Buffer>, name: string): T | undefined {
  const bytes = documents.get(name);
  return bytes === undefined ? undefined : (JSON.parse(bytes.toString("utf8")) as T);
}

/** `blobs/sha256/abc` (OCI layout) or `abc/layer.tar` and `abc.json` (older saves) -> `sha256:abc`. */
function digestOf(path: string): string {
  const oci = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(path);
  if (oci) return `${oci[1]}:${oci[2]}`;
  const legacy = /^([a-f0-9]{64})(?:\/layer\.tar|\.json)$/.exec(path);
  return legacy ? `sha256:${legacy[1]}` : path;
}

/** A name in a tar, as the manifest and the layer analysis write it: `usr/bin`, not `./usr/bin/`. */
export function normalise(path: string): string {
  return path.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}
