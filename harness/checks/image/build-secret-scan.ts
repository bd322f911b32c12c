import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract } from "tar-stream";
import { NeedleScanner } from "./needle-scanner.ts";

/** Where one needle was seen in a `docker save` archive. */
export type NeedleHit =
  /** In a file of a layer (its content or its name), even one a later layer deletes. */
  | { readonly in: "layer"; readonly layer: number; readonly path: string; readonly createdBy: string }
  /** In the image config: `config.Env[1]`, `config.Labels.x`, `history[3].created_by`... */
  | { readonly in: "config"; readonly key: string; readonly text: string }
  /** Anywhere else in the archive (a tar header, a manifest), when no layer or config key explains it. */
  | { readonly in: "archive"; readonly entry: string };

export interface ImageScan {
  /** Hits of each needle, in the order the needles were given. */
  readonly hits: readonly (readonly NeedleHit[])[];
  /** Every path some layer adds, changes or deletes (whiteouts as written). */
  readonly paths: ReadonlySet<string>;
}

/** Manifest and config JSON are small; layers are not kept. */
const MAX_KEPT_BLOB_BYTES = 4 * 1024 * 1024;

interface BlobScan {
  readonly raw: Set<number>;
  readonly entries: { readonly path: string; readonly needles: Set<number> }[];
  readonly paths: string[];
  kept?: Buffer;
}

/**
 * One pass over `docker save`: every blob is searched as bytes and, when it is a tar (a layer),
 * file by file, so a secret is placed on the layer and path that hold it. The manifest then orders
 * the layers and names the config, whose strings are searched with their keys.
 */
export async function scanImageArchive(archive: Readable, needles: readonly string[]): Promise<ImageScan> {
  const blobs = new Map<string, BlobScan>();
  const outer = extract();
  outer.on("entry", (header, stream, next) => {
    if (header.type !== "file") {
      stream.on("end", next);
      stream.resume();
      return;
    }
    const blob: BlobScan = { raw: new Set(), entries: [], paths: [] };
    blobs.set(normalise(header.name), blob);
    const raw = new NeedleScanner(needles);
    const kept: Buffer[] = [];
    let keptBytes = 0;
    const inner = extract();
    let isTar = true;
    inner.on("entry", (entry, content, nextInner) => {
      const path = normalise(entry.name);
      const scanner = new NeedleScanner(needles);
      scanner.push(Buffer.from(path));
      blob.paths.push(path);
      content.on("data", (chunk: unknown) => {
        if (Buffer.isBuffer(chunk)) scanner.push(chunk);
      });
      content.on("end", () => {
        if (scanner.found.size > 0) blob.entries.push({ path, needles: scanner.found });
        nextInner();
      });
    });
    // The same settling as read-image-archive.ts: the blob is done when its bytes are read and the inner parse has ended.
    let innerDone = false;
    let outerDone = false;
    let settled = false;
    const settle = () => {
      if (settled || !innerDone || !outerDone) return;
      settled = true;
      if (!isTar) {
        blob.entries.length = 0;
        blob.paths.length = 0;
      }
      next();
    };
    const innerEnded = () => {
      innerDone = true;
      settle();
    };
    inner.on("error", () => {
      isTar = false;
      innerEnded();
    });
    inner.on("finish", innerEnded);
    inner.on("close", innerEnded);
    stream.on("data", (chunk: unknown) => {
      if (!Buffer.isBuffer(chunk)) return;
      raw.push(chunk);
      if (keptBytes < MAX_KEPT_BLOB_BYTES) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
      if (isTar) inner.write(chunk);
    });
    stream.on("end", () => {
      for (const index of raw.found) blob.raw.add(index);
      if (keptBytes < MAX_KEPT_BLOB_BYTES) blob.kept = Buffer.concat(kept);
      outerDone = true;
      if (isTar) inner.end(undefined);
      settle();
    });
  });
  await pipeline(archive, outer);
  return placeHits(blobs, needles);
}

function placeHits(blobs: ReadonlyMap<string, BlobScan>, needles: readonly string[]): ImageScan {
  const manifestBytes = blobs.get("manifest.json")?.kept;
  if (!manifestBytes) throw new Error("docker save produced no manifest.json");
  const [manifest] = JSON.parse(manifestBytes.toString("utf8")) as { Config: string; Layers: string[] }[];
  const layerNames = (manifest?.Layers ?? []).map(normalise);
  const configName = normalise(manifest?.Config ?? "");
  const config = JSON.parse(blobs.get(configName)?.kept?.toString("utf8") ?? "{}") as { history?: { created_by?: string; empty_layer?: boolean }[] };
  const layerSteps = (config.history ?? []).filter((step) => !step.empty_layer).map((step) => step.created_by ?? "");
  const hits = needles.map((needle, index): NeedleHit[] => {
    const placed: NeedleHit[] = [];
    layerNames.forEach((name, layer) => {
      const blob = blobs.get(name);
      const entries = blob?.entries.filter((entry) => entry.needles.has(index)) ?? [];
      for (const { path } of entries) placed.push({ in: "layer", layer, path, createdBy: layerSteps[layer] ?? "" });
      if (entries.length === 0 && blob?.raw.has(index)) placed.push({ in: "layer", layer, path: "(tar headers)", createdBy: layerSteps[layer] ?? "" });
    });
    for (const [key, text] of stringsOf(config, "")) if (text.includes(needle)) placed.push({ in: "config", key, text });
    if (placed.length > 0) return placed;
    // Only where nothing above explains it: docker save also keeps copies of the config (legacy v1 layer JSON).
    for (const [name, blob] of blobs) {
      if (blob.raw.has(index) && name !== configName && !layerNames.includes(name)) placed.push({ in: "archive", entry: name });
    }
    return placed;
  });
  const paths = new Set(layerNames.flatMap((name) => blobs.get(name)?.paths ?? []));
  return { hits, paths };
}

/** Every string in a JSON value, with its key path (`config.Env[0]`). */
function* stringsOf(value: unknown, key: string): Generator<[string, string]> {
  if (typeof value === "string") yield [key, value];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* stringsOf(item, `${key}[${index}]`);
  else if (value && typeof value === "object") for (const [name, item] of Object.entries(value)) yield* stringsOf(item, key ? `${key}.${name}` : name);
}

function normalise(path: string): string {
  return path.replace(/^\.?\//, "").replace(/\/$/, "");
}
