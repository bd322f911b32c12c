import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract, type Header } from "tar-stream";
import type { EntryKind, ExtractionTarget } from "./extraction-target.ts";

/**
 * Streams a tar (gzipped or not) into the target, one entry at a time: nothing is buffered whole, so
 * a bomb is stopped by the byte and ratio caps as it expands. Throws what the target refuses, and
 * the parser's own errors for a damaged archive.
 */
export async function readTar(archivePath: string, gzipped: boolean, target: ExtractionTarget): Promise<void> {
  const entries = extract();
  const stages = gzipped ? [createReadStream(archivePath), createGunzip(), entries] : [createReadStream(archivePath), entries];
  // Its failure also fails the iteration below, which reports it; leaving the loop early ends it.
  const feeding = (pipeline as (...streams: unknown[]) => Promise<void>)(...stages).catch(() => undefined);
  try {
    for await (const entry of entries) {
      const path = target.admit(entry.header.name, kindOf(entry.header.type));
      if (entry.header.type === "directory") {
        entry.resume();
        await target.makeDirectory(path);
      } else {
        // streamx streams are async iterables at run time; its typings leave that out.
        await target.writeFile(path, entry.header.mode, entry as unknown as AsyncIterable<Buffer>, entry.header.mtime);
      }
    }
  } finally {
    entries.destroy();
    await feeding;
  }
}

function kindOf(type: Header["type"] | null): EntryKind {
  switch (type) {
    case "file":
    case "contiguous-file":
      return "file";
    case "directory":
      return "directory";
    case "link":
    case "symlink":
      return "link";
    default:
      return "special";
  }
}
