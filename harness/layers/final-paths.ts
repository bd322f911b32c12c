import type { LayerFile } from "./saved-image.ts";

/**
 * Every path the final image ships, folders and links included: layers applied bottom to top,
 * whiteouts honoured (a whiteout deletes its path and what lies under it, an opaque marker empties
 * its folder). In the order the paths first appeared, as a check lists them.
 */
export function finalPaths(layers: readonly (readonly LayerFile[])[]): Set<string> {
  const paths = new Set<string>();
  for (const files of layers) {
    // Markers first: a layer that empties a folder may fill it again in the same tar.
    for (const file of files) {
      if (file.kind === "opaque") removeUnder(paths, file.path);
      else if (file.kind === "whiteout") {
        paths.delete(file.path);
        removeUnder(paths, file.path);
      }
    }
    for (const file of files) if (file.kind !== "opaque" && file.kind !== "whiteout") paths.add(file.path);
  }
  return paths;
}

function removeUnder(paths: Set<string>, folder: string): void {
  const prefix = folder === "" ? "" : `${folder}/`;
  for (const path of paths) if (path.startsWith(prefix)) paths.delete(path);
}
