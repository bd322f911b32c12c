import yauzl, { type Entry } from "yauzl";
import { ArchiveRefusedError } from "./archive-refusal.ts";
import type { EntryKind, ExtractionTarget } from "./extraction-target.ts";

/** The file type bits of a Unix mode, which zip tools store in the top half of the external attributes. */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/**
 * Reads a zip through its central directory, one entry at a time. yauzl decodes names without
 * judging them (`decodeStrings: false`), so the target checks every name itself and can name the
 * entry it refuses; yauzl still checks each entry's actual size against the declared one.
 */
export async function readZip(archivePath: string, archiveName: string, target: ExtractionTarget): Promise<void> {
  const zip = await yauzl.openPromise(archivePath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
  try {
    target.expectEntries(zip.entryCount);
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const kind = kindOf(entry, name);
      const path = target.admit(name, kind);
      if (kind === "directory") {
        await target.makeDirectory(path);
        continue;
      }
      if (entry.isEncrypted()) throw new ArchiveRefusedError(archiveName, "encrypted", name);
      await target.writeFile(path, unixMode(entry), await zip.openReadStreamPromise(entry), entry.getLastModDate());
    }
  } finally {
    zip.close();
  }
}

function kindOf(entry: Entry, name: string): EntryKind {
  const type = unixMode(entry) & S_IFMT;
  if (type === S_IFLNK) return "link";
  // Zips written on Windows carry no Unix mode (type 0): the trailing slash says folder or file.
  if (type === 0 || type === S_IFREG) return name.endsWith("/") ? "directory" : "file";
  if (type === S_IFDIR) return "directory";
  return "special";
}

function unixMode(entry: Entry): number {
  // Only zips made on Unix ("version made by" host 3) put a Unix mode there.
  return entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
}
