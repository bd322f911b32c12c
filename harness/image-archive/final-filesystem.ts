import { basename, dirname, join } from "node:path";
import type { LayerEntry } from "./read-image-archive.ts";

const WHITEOUT = ".wh.";
const OPAQUE = ".wh..wh..opq";

/**
 * The files the final image really ships: layers applied bottom to top, with the OCI whiteouts
 * (`.wh.name` deletes name, `.wh..wh..opq` empties its folder) honoured.
 */
export function finalFilesystem(layers: readonly (readonly LayerEntry[])[]): Map<string, LayerEntry> {
  const files = new Map<string, LayerEntry>();
  for (const layer of layers) {
    for (const entry of layer) {
      const name = basename(entry.path);
      const parent = dirname(entry.path);
      if (name === OPAQUE) removeUnder(files, parent);
      else if (name.startsWith(WHITEOUT)) {
        const target = join(parent, name.slice(WHITEOUT.length));
        files.delete(target);
        removeUnder(files, target);
      }
    }
    for (const entry of layer) {
      if (!basename(entry.path).startsWith(WHITEOUT)) files.set(entry.path, entry);
    }
  }
  return files;
}

function removeUnder(files: Map<string, LayerEntry>, folder: string): void {
  const prefix = folder === "." ? "" : `${folder}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) files.delete(path);
}
