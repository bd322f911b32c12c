import { constants, gunzipSync } from "node:zlib";

export type ArchiveKind = "tar" | "tar+gzip" | "gzip" | "bzip2" | "xz" | "zstd";

/** The first bytes of a file are enough to tell an archive; 64 KiB lets a gzip show the tar inside. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * What kind of archive a file is, from its first bytes (magic numbers). Pure. A gzip stream is
 * opened to see whether a tar is inside (`tar czf`) or a single compressed file (`gzip file`).
 */
export function archiveKind(head: Uint8Array): ArchiveKind | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (isTar(bytes)) return "tar";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return isTar(inflatedHead(bytes)) ? "tar+gzip" : "gzip";
  if (bytes.subarray(0, 3).toString("latin1") === "BZh") return "bzip2";
  if (bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return "xz";
  if (bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return "zstd";
  return undefined;
}

/** POSIX (ustar) and GNU tar headers carry "ustar" at offset 257. */
function isTar(bytes: Buffer): boolean {
  return bytes.length >= 262 && bytes.subarray(257, 262).toString("latin1") === "ustar";
}

function inflatedHead(bytes: Buffer): Buffer {
  try {
    // A truncated stream: SYNC_FLUSH returns what inflates instead of failing on the missing end.
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}
