/**
 * Pure readers of what the kernel says inside a container (/proc/<pid>/status, /proc/mounts), as
 * printed by the small shell probes of the storage checks.
 */

/** Effective UID per /proc path, from lines `<path> Uid:\t<real>\t<effective>\t<saved>\t<fs>`. */
export function effectiveUids(output: string): Map<string, number> {
  const uids = new Map<string, number>();
  for (const line of output.split("\n")) {
    const match = /^(\S+)\s+Uid:\s+\d+\s+(\d+)/.exec(line.trim());
    if (match?.[1] && match[2]) uids.set(match[1], Number(match[2]));
  }
  return uids;
}

export interface MountEntry {
  readonly source: string;
  readonly target: string;
  readonly fstype: string;
  readonly options: readonly string[];
}

/**
 * The mount table, from lines `MOUNT <source> <target> <fstype> <options> <dump> <pass>`. A path
 * mounted twice shows the last mount, the one processes see.
 */
export function mountTable(output: string): Map<string, MountEntry> {
  const table = new Map<string, MountEntry>();
  for (const line of output.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== "MOUNT" || fields.length < 5) continue;
    const [, source = "", target = "", fstype = "", options = ""] = fields;
    table.set(unescapeMountPath(target), { source, target: unescapeMountPath(target), fstype, options: options.split(",") });
  }
  return table;
}

/** /proc/mounts writes space, tab, newline and backslash in paths as octal escapes. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Lines `<TAG> <path> <rest>` printed by the write probes, as path -> rest, per tag. */
export function taggedLines(output: string, tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of output.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith(`${tag} `)) continue;
    const rest = trimmed.slice(tag.length + 1);
    const space = rest.indexOf(" ");
    found.set(space < 0 ? rest : rest.slice(0, space), space < 0 ? "" : rest.slice(space + 1));
  }
  return found;
}
