import type { Readable } from "node:stream";
import type { LayerFile, SavedImage, SecretHit } from "./saved-image.ts";
import { walkSavedImage, type ContentReader } from "./walk-saved-image.ts";

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

/**
 * Reads a `docker save` archive in one streaming pass, keeping only each layer entry's name, kind
 * and size, and the first bytes of small files for the secret scan: no layer is held in memory,
 * whatever its size.
 */
export async function readSavedImage(archive: Readable, options: ReadOptions = {}): Promise<SavedImage> {
  const listings = new Map<string, LayerFile[]>();
  const layout = await walkSavedImage(archive, {
    entry({ layer, file }) {
      const files = listings.get(layer) ?? [];
      listings.set(layer, files);
      const at = files.push(file) - 1;
      const { scan } = options;
      if (!scan || file.kind !== "file" || file.size > SCANNED_FILE_LIMIT) return undefined;
      return headReader((head) => {
        const secrets = scan(file.path, head);
        if (secrets.length > 0) files[at] = { ...file, secrets };
      });
    },
  });
  return {
    id: layout.id,
    history: layout.history,
    layers: layout.layers.map(({ blob, digest }) => ({ digest, files: listings.get(blob) ?? [] })),
  };
}

/** Keeps a file's first `HEAD_BYTES` and hands them over once the file has gone by. */
function headReader(done: (head: Buffer) => void): ContentReader {
  const chunks: Buffer[] = [];
  let kept = 0;
  return {
    push(chunk) {
      if (kept < HEAD_BYTES) chunks.push(chunk);
      kept += chunk.length;
    },
    end: () => done(Buffer.concat(chunks).subarray(0, HEAD_BYTES)),
  };
}
