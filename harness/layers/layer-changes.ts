import type { LayerFile } from "./saved-image.ts";

/** What one layer does to the file system below it. */
export interface LayerChanges {
  /** Bytes of the layer as the engine counts them (`docker history`'s SIZE). */
  readonly bytes: number;
  readonly filesAdded: number;
  readonly filesChanged: number;
  readonly filesRemoved: number;
  /** Bytes of this layer that a later layer replaces or removes: shipped, never seen. */
  readonly wastedBytes: number;
}

/** A path of the final image: which layer put it there, and its bytes. */
export interface ShippedFile {
  readonly size: number;
  readonly layer: number;
  readonly kind: LayerFile["kind"];
}

export interface LayerInventory {
  readonly layers: readonly LayerChanges[];
  readonly bytes: number;
  /** As dive counts it: the cumulative size of every path found in more than one layer. */
  readonly wastedBytes: number;
  /** As dive counts it: the sum over paths of their smallest size seen over their cumulative size; 1 when nothing is seen twice. */
  readonly efficiency: number;
  /** Path -> what the final image ships there (folders left out). */
  readonly final: ReadonlyMap<string, ShippedFile>;
}

/**
 * Dive's measure (wagoodman/dive, filetree/efficiency.go): every time a path shows up in a layer
 * (added, replaced or deleted; a deletion counts 0 bytes) its size adds to its cumulative size, and
 * its smallest size is kept; efficiency is the sum of smallest sizes over the sum of cumulative
 * sizes, and the waste is the cumulative size of every path seen twice or more. Two deliberate
 * differences, both where dive says "for now": a deleted folder is charged file by file, as dive
 * charges a deleted file (dive charges the folder's bytes to the folder path, seen once, so
 * `rm -rf dir` looked free), and an opaque folder (`.wh..wh..opq`, which dive skips) deletes what
 * lower layers held in it.
 */
export function layerInventory(layers: readonly (readonly LayerFile[])[]): LayerInventory {
  const shipped = new Map<string, ShippedFile>();
  const seen = new Map<string, { cumulative: number; smallest: number; times: number }>();
  const waste = layers.map(() => 0);
  const sighting = (path: string, size: number) => {
    const record = seen.get(path) ?? { cumulative: 0, smallest: size, times: 0 };
    seen.set(path, { cumulative: record.cumulative + size, smallest: Math.min(record.smallest, size), times: record.times + 1 });
  };
  // A file of a lower layer goes away: its bytes were shipped for nothing.
  const drop = (path: string) => {
    const below = shipped.get(path);
    if (!below) return false;
    shipped.delete(path);
    waste[below.layer] = (waste[below.layer] ?? 0) + below.size;
    sighting(path, 0);
    return true;
  };
  const dropUnder = (folder: string) => {
    const prefix = folder === "" ? "" : `${folder}/`;
    let count = 0;
    for (const path of [...shipped.keys()]) if (path.startsWith(prefix) && drop(path)) count += 1;
    return count;
  };

  const changes = layers.map((files, index): Omit<LayerChanges, "wastedBytes"> => {
    let bytes = 0;
    let added = 0;
    let changed = 0;
    let removed = 0;
    // Markers first: a layer that empties a folder (opaque) may fill it again in the same tar.
    for (const file of files) {
      if (file.kind === "opaque") removed += dropUnder(file.path);
      else if (file.kind === "whiteout") removed += drop(file.path) ? 1 : dropUnder(file.path);
    }
    for (const file of files) {
      if (file.kind === "opaque" || file.kind === "whiteout") continue;
      bytes += file.size;
      if (file.kind === "directory") continue;
      const below = shipped.get(file.path);
      if (below) {
        changed += 1;
        waste[below.layer] = (waste[below.layer] ?? 0) + below.size;
      } else added += 1;
      shipped.set(file.path, { size: file.size, layer: index, kind: file.kind });
      sighting(file.path, file.size);
    }
    return { bytes, filesAdded: added, filesChanged: changed, filesRemoved: removed };
  });

  let smallest = 0;
  let cumulative = 0;
  let wastedBytes = 0;
  for (const record of seen.values()) {
    smallest += record.smallest;
    cumulative += record.cumulative;
    if (record.times > 1) wastedBytes += record.cumulative;
  }
  return {
    layers: changes.map((change, index) => ({ ...change, wastedBytes: waste[index] ?? 0 })),
    bytes: changes.reduce((sum, change) => sum + change.bytes, 0),
    wastedBytes,
    efficiency: cumulative === 0 ? 1 : smallest / cumulative,
    final: shipped,
  };
}

/** The largest files the final image ships, biggest first (ties by path, so the order is stable). */
export function largestFiles(final: ReadonlyMap<string, ShippedFile>, count = 10): { path: string; bytes: number; layer: number }[] {
  return [...final.entries()]
    .filter(([, file]) => file.kind === "file")
    .sort(([pathA, a], [pathB, b]) => b.size - a.size || (pathA < pathB ? -1 : 1))
    .slice(0, count)
    .map(([path, file]) => ({ path: `/${path}`, bytes: file.size, layer: file.layer }));
}
