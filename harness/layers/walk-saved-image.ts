import { once } from "node:events";
import { basename, dirname, posix } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract, type Header } from "tar-stream";
import type { LayerFile } from "./saved-image.ts";
import { layoutOf, normalise, SavedImageFormatError, type SavedLayout } from "./saved-layout.ts";

/** One entry of a layer tar, as a hook sees it. */
export interface LayerEntry {
  /** The layer's blob in the archive, as the manifest names it: `blobs/sha256/…`. */
  readonly layer: string;
  /** The entry's name as written, normalised: a whiteout keeps its `.wh.` here. */
  readonly name: string;
  /** What the entry does to the file system. */
  readonly file: LayerFile;
}

/** Takes a file's bytes as they stream by: never the whole file at once. */
export interface ContentReader {
  push(chunk: Buffer): void;
  /** Every byte went by. */
  end?(): void;
}

/** What a caller looks at during the walk; both hooks are optional, and an entry no hook reads is passed over. */
export interface WalkHooks {
  /** Each blob of the outer tar, by name: a sink for its bytes as stored (a gzipped layer's stay gzipped), or nothing. */
  readonly blob?: (name: string) => ((chunk: Buffer) => void) | undefined;
  /** Each entry of each layer, in tar order: a reader of its content, or nothing to skip it. */
  readonly entry?: (entry: LayerEntry) => ContentReader | undefined;
}

/** manifest.json, index.json and the config are JSON of a few kilobytes; larger JSON is not kept. */
const JSON_LIMIT = 4 * 1024 * 1024;

/**
 * The one walk over a `docker save` archive, streamed: every blob is looked at once, as it comes
 * (layers may come before manifest.json); a layer tar, gzipped or not, entry by entry. Nothing
 * goes to disk and nothing is held in memory but small JSON documents and what the hooks keep.
 */
export async function walkSavedImage(archive: Readable, hooks: WalkHooks): Promise<SavedLayout> {
  const documents = new Map<string, Buffer>();
  const tars = new Set<string>();
  const outer = extract();
  archive.on("error", (error) => outer.destroy(error));
  archive.pipe(outer);
  for await (const blob of outer) {
    const name = normalise(blob.header.name);
    if (blob.header.type !== "file") {
      blob.resume();
      continue;
    }
    const content = await readBlob(name, teed(blob, hooks.blob?.(name)), hooks);
    if (content.kind === "json") documents.set(name, content.bytes);
    else if (content.kind === "tar") tars.add(name);
  }
  return layoutOf(documents, tars);
}

/** The blob's chunks, each shown to the blob hook's sink on its way. */
async function* teed(blob: AsyncIterable<unknown>, sink: ((chunk: Buffer) => void) | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of blob as AsyncIterable<Buffer>) {
    sink?.(chunk);
    yield chunk;
  }
}

type Blob = { kind: "json"; bytes: Buffer } | { kind: "tar" } | { kind: "skipped" };

/**
 * The first bytes say what a blob is: gzip, JSON, or (anything else) a plain tar. A blob that fails
 * to parse before its first entry is no tar (a legacy save's `VERSION` file): skipped, its bytes
 * still shown to the blob hook. A tar that breaks further on is corrupt, and that is an error.
 */
async function readBlob(name: string, chunks: AsyncGenerator<Buffer>, hooks: WalkHooks): Promise<Blob> {
  const first = await chunks.next();
  if (first.done) return { kind: "skipped" };
  const head = first.value;
  if (head[0] === 0x7b || head[0] === 0x5b) return readJson(head, chunks);
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new SavedImageFormatError("a layer is compressed with zstd, which the layer analysis does not read");
  }
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const inner = extract();
  const progress = { entries: 0, notTar: false };
  const failed = (error: unknown) => {
    if (progress.entries > 0) throw error;
    progress.notTar = true;
  };
  const listing = walkLayer(name, inner, hooks, progress).catch(failed);
  // Errors surface when `listing` and `unzipped` are awaited; this only keeps Node from calling them unhandled.
  listing.catch(() => undefined);
  const gunzip = gzipped ? createGunzip() : undefined;
  const sink = gunzip ?? inner;
  const unzipped = (gunzip ? pipeline(gunzip, inner) : Promise.resolve()).catch(failed);
  unzipped.catch(() => undefined);
  for (let chunk: IteratorResult<Buffer> = first; !chunk.done; chunk = await chunks.next()) {
    // A parse error destroys the sink: the rest of the blob only goes by, for the blob hook.
    if (sink.destroyed) continue;
    // Backpressure: the blob waits while the layer's entries are read. Errors come out of `listing` and `unzipped`, below.
    if (!sink.write(chunk.value)) await Promise.race([once(sink, "drain"), listing, unzipped]).catch(() => undefined);
  }
  // streamx wants an argument; undefined writes nothing before ending.
  if (!sink.destroyed) sink.end(undefined);
  await unzipped;
  await listing;
  return progress.notTar ? { kind: "skipped" } : { kind: "tar" };
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

async function walkLayer(layer: string, inner: ReturnType<typeof extract>, hooks: WalkHooks, progress: { entries: number }): Promise<void> {
  for await (const entry of inner) {
    progress.entries += 1;
    const name = normalise(entry.header.name);
    const reader = hooks.entry?.({ layer, name, file: describe(name, entry.header) });
    if (!reader) {
      entry.resume();
      continue;
    }
    for await (const chunk of entry as AsyncIterable<Buffer>) reader.push(chunk);
    reader.end?.();
  }
}

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

function describe(path: string, header: Header): LayerFile {
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
