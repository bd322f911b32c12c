/** What one layer tar says about one path, as the layer analysis needs it (never the content). */
export interface LayerFile {
  /** Relative to the image root, without `./`, a leading or a trailing slash: `usr/bin/gcc`. */
  readonly path: string;
  /**
   * `whiteout` deletes `path` (written `.wh.name` in the tar); `opaque` empties the folder `path`
   * of what lower layers hold (`.wh..wh..opq`).
   */
  readonly kind: "file" | "directory" | "symlink" | "hardlink" | "whiteout" | "opaque" | "other";
  /**
   * The bytes the engine counts for this entry (`docker history` sums the tar headers' sizes as it
   * applies a layer): a regular file's size; nothing for folders, links and markers.
   */
  readonly size: number;
  /** Credentials spotted by the secret scan in this file's name or first bytes. */
  readonly secrets?: readonly SecretHit[];
}

/** A credential seen in a layer: what kind, and a masked excerpt safe to print. */
export interface SecretHit {
  /** Stable id of the rule, e.g. `secret/private-key`. */
  readonly rule: string;
  readonly excerpt: string;
}

/** One `history` record of the image config, oldest first. */
export interface HistoryRecord {
  readonly createdBy: string;
  readonly comment: string;
  /** ENV, USER, CMD...: recorded in the history without adding a layer. */
  readonly emptyLayer: boolean;
}

export interface SavedLayer {
  /** The layer's digest as the archive names it: `sha256:…` of the uncompressed tar in a `docker save`. */
  readonly digest: string;
  readonly files: readonly LayerFile[];
}

/** An image as its own archive describes it: config history and layers, bottom first. */
export interface SavedImage {
  /** The config digest, i.e. the image id: the same id always means the same bytes. */
  readonly id: string;
  readonly history: readonly HistoryRecord[];
  readonly layers: readonly SavedLayer[];
}
