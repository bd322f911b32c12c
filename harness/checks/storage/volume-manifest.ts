/**
 * A volume's content as a list of entries (type, SHA-256, size, mode, owner, path), printed by a
 * grader-owned busybox and compared here. Pure: text in, differences out.
 */

export interface ManifestEntry {
  readonly path: string;
  /** f file, d directory, l symbolic link, o anything else. */
  readonly type: "f" | "d" | "l" | "o";
  /** SHA-256 of a file, target of a link, "-" otherwise. */
  readonly digest: string;
  readonly size: number;
  /** Octal permission bits, as `stat -c %a` prints them. */
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
}

export type Manifest = ReadonlyMap<string, ManifestEntry>;

/** Run with the volume mounted (read-only) on /v; one tab-separated line per entry, "." the volume's root. */
export const MANIFEST_SCRIPT = `cd /v || exit 2
find . | sort | while IFS= read -r p; do
  if [ -L "$p" ]; then t=l; h=$(readlink "$p")
  elif [ -f "$p" ]; then t=f; h=$(sha256sum "$p" | cut -d" " -f1)
  elif [ -d "$p" ]; then t=d; h=-
  else t=o; h=-; fi
  printf '%s\\t%s\\t%s\\t%s\\n' "$t" "$h" "$(stat -c '%s %a %u %g' "$p")" "$p"
done`;

export function parseManifest(output: string): Manifest {
  const entries = new Map<string, ManifestEntry>();
  for (const line of output.split("\n")) {
    const fields = line.split("\t");
    if (fields.length < 4) continue;
    const [type, digest = "", stat = "", ...rest] = fields;
    const [size, mode, uid, gid] = stat.split(" ");
    if (!(type === "f" || type === "d" || type === "l" || type === "o") || gid === undefined) continue;
    const path = rest.join("\t");
    entries.set(path, { path, type, digest, size: Number(size), mode: mode ?? "", uid: Number(uid), gid: Number(gid) });
  }
  return entries;
}

export interface ContentDifferences {
  /** In the backup's source, absent after the restore. */
  readonly missing: readonly string[];
  /** After the restore, absent from the source. */
  readonly unexpected: readonly string[];
  /** Present in both, with other bytes, another type or another link target. */
  readonly changed: readonly string[];
  /** Files of the source found byte-identical. */
  readonly identicalFiles: number;
  readonly sourceFiles: number;
}

/** Bytes and tree shape; the root "." and directory sizes (file system details) are not content. */
export function compareContent(source: Manifest, restored: Manifest): ContentDifferences {
  const missing: string[] = [];
  const changed: string[] = [];
  let identicalFiles = 0;
  let sourceFiles = 0;
  for (const [path, entry] of source) {
    if (path === ".") continue;
    if (entry.type === "f") sourceFiles += 1;
    const other = restored.get(path);
    if (!other) missing.push(path);
    else if (other.type !== entry.type || other.digest !== entry.digest || (entry.type === "f" && other.size !== entry.size)) changed.push(path);
    else if (entry.type === "f") identicalFiles += 1;
  }
  const unexpected = [...restored.keys()].filter((path) => path !== "." && !source.has(path));
  return { missing, unexpected, changed, identicalFiles, sourceFiles };
}

export function sameContent(differences: ContentDifferences): boolean {
  return differences.missing.length === 0 && differences.unexpected.length === 0 && differences.changed.length === 0;
}

/** Owner and permissions, root "." included: they decide whether the app can still write. */
export function compareOwnership(source: Manifest, restored: Manifest): string[] {
  const differences: string[] = [];
  for (const [path, entry] of source) {
    const other = restored.get(path);
    if (!other) continue;
    const before = `${entry.mode} ${entry.uid}:${entry.gid}`;
    const after = `${other.mode} ${other.uid}:${other.gid}`;
    if (before !== after && entry.type !== "l") differences.push(`${path}: ${before} -> ${after}`);
  }
  return differences;
}

/** Bounded lists for a report: the first few of each kind, and how many more. */
export function describeContentDifferences(differences: ContentDifferences, limit = 8): string {
  const section = (title: string, paths: readonly string[]) =>
    paths.length === 0
      ? []
      : [`${title} (${paths.length}):`, ...paths.slice(0, limit).map((path) => `  ${path}`), ...(paths.length > limit ? [`  … +${paths.length - limit}`] : [])];
  return [...section("missing", differences.missing), ...section("changed", differences.changed), ...section("unexpected", differences.unexpected)].join("\n");
}

export function describeManifest(manifest: Manifest, limit = 12): string {
  const files = [...manifest.values()].filter((entry) => entry.type === "f");
  const bytes = files.reduce((total, entry) => total + entry.size, 0);
  const lines = files
    .slice(0, limit)
    .map((entry) => `${entry.path} ${entry.size} B ${entry.mode} ${entry.uid}:${entry.gid} sha256:${entry.digest.slice(0, 12)}`);
  return [`${files.length} files, ${bytes} bytes`, ...lines, ...(files.length > limit ? [`… +${files.length - limit}`] : [])].join("\n");
}
