import { open } from "node:fs/promises";

export type ArchiveFormat = "zip" | "tar" | "tar.gz";

/**
 * The format from the first bytes, not the name: a student's `rendu.zip` is often a renamed
 * .tar.gz. A gzip stream is taken for a tarball; the tar reader refuses it if it is not one.
 */
export async function detectArchiveFormat(path: string): Promise<ArchiveFormat | undefined> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return formatOf(head.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

function formatOf(head: Buffer): ArchiveFormat | undefined {
  // Local file header, or the end record alone of an empty zip.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return "zip";
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
  // POSIX `ustar\0` and GNU `ustar  ` both start with `ustar` at offset 257.
  if (head.length >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
  return undefined;
}
