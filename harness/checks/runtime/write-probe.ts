/**
 * Tries to create a file in each folder given as argument and prints `<folder>\t<result>`: `writable`,
 * or touch's own error. The file is removed at once; nothing else is touched.
 */
export const WRITE_PROBE_SCRIPT = `for dir in "$@"; do
  file="\${dir%/}/.dockgrade-write-probe"
  if out=$(touch "$file" 2>&1); then rm -f "$file"; echo "$dir\twritable"; else echo "$dir\t$out"; fi
done`;

export type WriteResult = "writable" | "read-only" | "denied" | "absent" | "other";

export interface WriteAttempt {
  readonly path: string;
  readonly result: WriteResult;
  readonly raw: string;
}

/** EROFS is the only proof of a read-only mount: EACCES says as much about the user as the mount. */
export function parseWriteProbe(output: string): WriteAttempt[] {
  return output
    .split("\n")
    .filter((line) => line.includes("\t"))
    .map((line) => {
      const [path = "", raw = ""] = line.split("\t");
      return { path, raw: raw.trim(), result: classify(raw) };
    });
}

function classify(raw: string): WriteResult {
  if (raw.trim() === "writable") return "writable";
  if (/read-only file system/i.test(raw)) return "read-only";
  if (/permission denied|operation not permitted/i.test(raw)) return "denied";
  if (/no such file or directory|not a directory/i.test(raw)) return "absent";
  return "other";
}
