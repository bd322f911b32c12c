import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract, type Header } from "tar-stream";

export interface LayerEntry {
  readonly path: string;
  readonly type: Header["type"];
  readonly size: number;
  readonly mode: number;
  readonly linkname?: string;
}

/** What `docker save` holds for one image: its layers, bottom first, each as its file list. */
export interface ImageArchive {
  readonly layers: readonly (readonly LayerEntry[])[];
}

const SMALL_BLOB_LIMIT = 4 * 1024 * 1024;

/**
 * Reads a `docker save` archive in one pass. Blobs may come before manifest.json, so every blob is
 * read as a tar on the fly (layers are plain tars in a save) and small ones are also kept as bytes
 * (manifest and config JSON); the manifest then orders the layers.
 */
export async function readImageArchive(archive: Readable): Promise<ImageArchive> {
  const listings = new Map<string, LayerEntry[]>();
  const smallFiles = new Map<string, Buffer>();
  const outer = extract();
  outer.on("entry", (header, stream, next) => {
    const name = normalise(header.name);
    if (header.type !== "file") {
      stream.resume();
      stream.on("end", next);
      return;
    }
    const bytes: Buffer[] = [];
    let kept = 0;
    const inner = extract();
    const entries: LayerEntry[] = [];
    let isTar = true;
    inner.on("entry", (entry, content, nextInner) => {
      entries.push({
        path: normalise(entry.name),
        type: entry.type,
        size: entry.size ?? 0,
        mode: entry.mode ?? 0,
        ...(entry.linkname ? { linkname: entry.linkname } : {}),
      });
      content.on("end", nextInner);
      content.resume();
    });
    // The outer entry is done when both its bytes are read and the inner parse has ended. A blob
    // shorter than a tar header (oci-layout, index.json) only errors once ended, so any of
    // finish, error or close ends the inner parse.
    let innerDone = false;
    let outerDone = false;
    let settled = false;
    const settle = () => {
      if (settled || !innerDone || !outerDone) return;
      settled = true;
      if (isTar) listings.set(name, entries);
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
      if (kept < SMALL_BLOB_LIMIT) {
        bytes.push(chunk);
        kept += chunk.length;
      }
      if (isTar) inner.write(chunk);
    });
    stream.on("end", () => {
      if (kept < SMALL_BLOB_LIMIT) smallFiles.set(name, Buffer.concat(bytes));
      outerDone = true;
      // streamx types want an argument; undefined writes nothing before ending.
      if (isTar) inner.end(undefined);
      settle();
    });
  });
  await pipeline(archive, outer);
  const manifestBytes = smallFiles.get("manifest.json");
  if (!manifestBytes) throw new Error("docker save produced no manifest.json");
  const [manifest] = JSON.parse(manifestBytes.toString("utf8")) as { Layers: string[] }[];
  return { layers: (manifest?.Layers ?? []).map((layer) => listings.get(normalise(layer)) ?? []) };
}

function normalise(path: string): string {
  return path.replace(/^\.?\//, "").replace(/\/$/, "");
}
