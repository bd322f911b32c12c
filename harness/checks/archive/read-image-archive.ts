import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";

/**
 * One file of an image archive: its name, size and sha256 as streamed, and its bytes when small
 * (manifest.json, index.json, repositories, the config and OCI manifests are a few kilobytes).
 */
export interface ArchiveFile {
  readonly name: string;
  readonly size: number;
  /** Hex, without the `sha256:` prefix. */
  readonly sha256: string;
  readonly bytes?: Buffer;
}

export interface ImageArchive {
  readonly gzipped: boolean;
  /** Regular files by name (`./` removed); folders and links are left out. */
  readonly files: ReadonlyMap<string, ArchiveFile>;
}

/** Not a tar (or a tar.gz), or past the reader's caps: the archive cannot be a `docker save`. */
export class ImageArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageArchiveError";
  }
}

/** Files kept in memory; blobs above are only hashed. */
export const KEPT_BYTES = 1024 * 1024;
/** A `docker save` of a small image has a dozen entries; a student's archive is not a file system. */
const MAX_ENTRIES = 10_000;

/**
 * Reads an archive file in one streaming pass, gunzipping it first when it starts with gzip's magic
 * (`docker save | gzip` loads as well). Every regular file is hashed as it passes; nothing is
 * written to disk and no layer is held in memory.
 */
export async function readImageArchive(path: string): Promise<ImageArchive> {
  const gzipped = await startsWithGzip(path);
  const outer = extract();
  const stages = gzipped ? [createReadStream(path), createGunzip(), outer] : [createReadStream(path), outer];
  // Its failure also fails the iteration in `collect`, which reports it.
  const feeding = (pipeline as (...streams: unknown[]) => Promise<void>)(...stages).catch(() => undefined);
  try {
    return { gzipped, files: await collect(outer) };
  } catch (error) {
    throw error instanceof ImageArchiveError ? error : new ImageArchiveError(error instanceof Error ? error.message : String(error));
  } finally {
    outer.destroy();
    await feeding;
  }
}

async function startsWithGzip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead === 0) throw new ImageArchiveError("empty file");
    return buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function collect(outer: ReturnType<typeof extract>): Promise<Map<string, ArchiveFile>> {
  const files = new Map<string, ArchiveFile>();
  let entries = 0;
  for await (const entry of outer) {
    entries += 1;
    if (entries > MAX_ENTRIES) throw new ImageArchiveError(`more than ${MAX_ENTRIES} entries`);
    if (entry.header.type !== "file") {
      entry.resume();
      continue;
    }
    const hash = createHash("sha256");
    const kept: Buffer[] = [];
    let size = 0;
    // streamx streams are async iterables at run time; its typings leave that out.
    for await (const chunk of entry as unknown as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (size <= KEPT_BYTES) kept.push(chunk);
    }
    const name = entry.header.name.replace(/^(\.\/)+/, "");
    files.set(name, { name, size, sha256: hash.digest("hex"), ...(size <= KEPT_BYTES ? { bytes: Buffer.concat(kept) } : {}) });
  }
  return files;
}
