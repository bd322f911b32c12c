import { once } from "node:events";
import { basename, dirname, posix } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract, type Header } from "tar-stream";
import type { HistoryRecord, LayerFile, SavedImage, SavedLayer, SecretHit } from "./saved-image.ts";

/** The archive is not what `docker save` writes: no manifest, a layer in an unknown compression... */
export class SavedImageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SavedImageFormatError";
  }
}

export interface ReadOptions {
  /**
   * Looks at a small regular file's first bytes (and its name) for credentials. Only files up to
   * `SCANNED_FILE_LIMIT` bytes are shown, and only their first `HEAD_BYTES`.
   */
  readonly scan?: (path: string, head: Buffer) => readonly SecretHit[];
}

/** Larger files are binaries or data, not key files, `.env` or tokens. */
export const SCANNED_FILE_LIMIT = 64 * 1024;
const HEAD_BYTES = 4 * 1024;
/** manifest.json, index.json and the config are JSON of a few kilobytes. */
const JSON_LIMIT = 1024 * 1024;

/**
 * Reads a `docker save` archive in one streaming pass: every blob is looked at once, as it comes
 * (layers may come before manifest.json); a layer tar, gzipped or not, entry by entry, keeping only
 * each entry's name, kind and size, and the first bytes of small files for the secret scan. Nothing
 * goes to disk and no layer is held in memory, whatever its size.
 */
export async function readSavedImage(archive: Readable, options: ReadOptions = {}): Promise<SavedImage> {
  const layers = new Map<string, LayerFile[]>();
  const documents = new Map<string, Buffer>();
  const outer = extract();
  archive.on("error", (error) => outer.destroy(error));
  archive.pipe(outer);
  for await (const blob of outer) {
    const name = normalise(blob.header.name);
    if (blob.header.type !== "file") {
      blob.resume();
      continue;
    }
    const content = await readBlob(blob, options);
    if (content.kind === "json") documents.set(name, content.bytes);
    else if (content.kind === "tar") layers.set(name, content.files);
  }
  return assemble(documents, layers);
}

type Blob = { kind: "json"; bytes: Buffer } | { kind: "tar"; files: LayerFile[] } | { kind: "skipped" };

/** The first bytes say what a blob is: gzip, JSON, or (anything else) a plain tar. */
async function readBlob(blob: AsyncIterable<unknown>, options: ReadOptions): Promise<Blob> {
  const iterator = blob[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  if (first.done) return { kind: "skipped" };
  const head = first.value;
  if (head[0] === 0x7b || head[0] === 0x5b) return readJson(head, iterator);
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new SavedImageFormatError("a layer is compressed with zstd, which the layer analysis does not read");
  }
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const inner = extract();
  const listing = listLayer(inner, options);
  // Errors of the listing surface through `listing`; this only keeps Node from calling them unhandled.
  listing.catch(() => undefined);
  const gunzip = gzipped ? createGunzip() : undefined;
  const sink = gunzip ?? inner;
  const unzipped = gunzip ? pipeline(gunzip, inner) : Promise.resolve();
  unzipped.catch(() => undefined);
  for (let chunk: IteratorResult<Buffer> = first; !chunk.done; chunk = await iterator.next()) {
    // Backpressure: the blob waits while the layer's entries are read.
    if (!sink.write(chunk.value)) await Promise.race([once(sink, "drain"), listing, unzipped]);
  }
  // streamx wants an argument; undefined writes nothing before ending.
  sink.end(undefined);
  await unzipped;
  return { kind: "tar", files: await listing };
}

async function readJson(head: Buffer, rest: AsyncIterator<Buffer>): Promise<Blob> {
  const chunks = [head];
  let size = head.length;
  for (let chunk = await rest.next(); !chunk.done; chunk = await rest.next()) {
    size += chunk.value.length;
    if (size <= JSON_LIMIT) chunks.push(chunk.value);
  }
  return size <= JSON_LIMIT ? { kind: "json", bytes: Buffer.concat(chunks) } : { kind: "skipped" };
}

async function listLayer(inner: ReturnType<typeof extract>, options: ReadOptions): Promise<LayerFile[]> {
  const files: LayerFile[] = [];
  for await (const entry of inner) {
    const file = describe(entry.header);
    const scanned = options.scan && file.kind === "file" && file.size <= SCANNED_FILE_LIMIT;
    if (!scanned) {
      entry.resume();
      files.push(file);
      continue;
    }
    const chunks: Buffer[] = [];
    let kept = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      if (kept < HEAD_BYTES) chunks.push(chunk);
      kept += chunk.length;
    }
    const secrets = options.scan?.(file.path, Buffer.concat(chunks).subarray(0, HEAD_BYTES)) ?? [];
    files.push(secrets.length > 0 ? { ...file, secrets } : file);
  }
  return files;
}

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

function describe(header: Header): LayerFile {
  const path = normalise(header.name);
  const name = basename(path);
  if (name === OPAQUE) return { path: parentOf(path), kind: "opaque", size: 0 };
  if (name.startsWith(WHITEOUT)) return { path: posix.join(parentOf(path), name.slice(WHITEOUT.length)), kind: "whiteout", size: 0 };
  switch (header.type) {
    case "file":
    case "contiguous-file":
      return { path, kind: "file", size: header.size ?? 0 };
    case "directory":
      return { path, kind: "directory", size: 0 };
    case "symlink":
      return { path, kind: "symlink", size: 0 };
    case "link":
      return { path, kind: "hardlink", size: 0 };
    default:
      return { path, kind: "other", size: 0 };
  }
}

function parentOf(path: string): string {
  const parent = dirname(path);
  return parent === "." ? "" : parent;
}

interface ManifestEntry {
  readonly Config?: string;
  readonly Layers?: readonly string[];
}

interface ConfigDocument {
  readonly history?: readonly { created_by?: string; comment?: string; empty_layer?: boolean }[];
}

function assemble(documents: ReadonlyMap<string, Buffer>, layers: ReadonlyMap<string, LayerFile[]>): SavedImage {
  const manifest = parse<ManifestEntry[]>(documents, "manifest.json")?.[0];
  if (!manifest?.Config) throw new SavedImageFormatError("the image archive has no manifest.json naming a config");
  const config = parse<ConfigDocument>(documents, normalise(manifest.Config));
  if (!config) throw new SavedImageFormatError(`the image archive lacks its config ${manifest.Config}`);
  const history: HistoryRecord[] = (config.history ?? []).map((record) => ({
    createdBy: record.created_by ?? "",
    comment: record.comment ?? "",
    emptyLayer: record.empty_layer === true,
  }));
  const saved: SavedLayer[] = (manifest.Layers ?? []).map((path) => {
    const files = layers.get(normalise(path));
    if (!files) throw new SavedImageFormatError(`the image archive lacks its layer ${path}`);
    return { digest: digestOf(path), files };
  });
  return { id: digestOf(manifest.Config), history, layers: saved };
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

function normalise(path: string): string {
  return path.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}
