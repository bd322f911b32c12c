import { mkdir, rm, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { ArchiveRefusedError } from "./archive-refusal.ts";
import { detectArchiveFormat, type ArchiveFormat } from "./archive-format.ts";
import { DEFAULT_ARCHIVE_CAPS, ExtractionTarget, type ArchiveCaps } from "./extraction-target.ts";
import { readTar } from "./read-tar.ts";
import { readZip } from "./read-zip.ts";

export interface ExtractedArchive {
  readonly format: ArchiveFormat;
  readonly dir: string;
}

/**
 * Extracts a .zip, .tar or .tar.gz into `destDir`, which must not exist yet: it is created here and,
 * when the archive is refused, removed with everything written so far. Every link entry is refused,
 * even one pointing inside: no course exercise needs one, and a link written by an earlier entry is
 * how a later entry escapes. Files come out 0644 or 0755, folders 0755.
 */
export async function extractArchive(archivePath: string, destDir: string, caps: ArchiveCaps = DEFAULT_ARCHIVE_CAPS): Promise<ExtractedArchive> {
  const name = basename(archivePath);
  const format = await detectArchiveFormat(archivePath);
  if (format === undefined) throw new ArchiveRefusedError(name, "unknown-format");
  const { size } = await stat(archivePath);
  await mkdir(dirname(destDir), { recursive: true });
  await mkdir(destDir, { mode: 0o755 });
  const target = new ExtractionTarget(name, destDir, caps, size);
  try {
    if (format === "zip") await readZip(archivePath, name, target);
    else await readTar(archivePath, format === "tar.gz", target);
    return { format, dir: destDir };
  } catch (error) {
    await rm(destDir, { recursive: true, force: true });
    throw asRefusal(error, name);
  }
}

/**
 * Our refusals pass as they are; a reader's complaint (bad header, truncated gzip, CRC mismatch) is a
 * damaged archive, the student's to fix. A file system error (no space left) is the grader's, and
 * stays as it is.
 */
function asRefusal(error: unknown, name: string): unknown {
  if (error instanceof ArchiveRefusedError) return error;
  if (error instanceof Error && !("syscall" in error)) return new ArchiveRefusedError(name, "unreadable", undefined, { cause: error.message });
  return error;
}
