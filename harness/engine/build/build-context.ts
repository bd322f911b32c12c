import dockerignore, { type Ignore } from "@balena/dockerignore";
import { lstat, opendir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Most a build context may weigh and hold. The course's contexts are a few source files (under
 * 1 MiB, under 100 entries); a context past these caps holds build outputs, dependencies or a
 * disk image that `.dockerignore` should keep out, and sending it would cost the grader's disk and
 * minutes. Constants on purpose: no exercise needs more, and none may ask for more.
 */
export const CONTEXT_CAPS: ContextCaps = { bytes: 100 * 1024 * 1024, entries: 20_000 };

export interface ContextCaps {
  readonly bytes: number;
  /** Files, folders and links, each counted once: a million empty folders cost as much to send. */
  readonly entries: number;
}

/** A top-level entry of the context, with what was counted under it before the walk stopped. */
export interface ContextEntry {
  /** Relative to the context, `/` after a folder's name. */
  readonly path: string;
  readonly bytes: number;
  readonly entries: number;
}

/** The context passed a cap; the walk stopped there, so the counts are lower bounds. */
export interface OversizedContext {
  readonly contextDir: string;
  readonly over: "bytes" | "entries";
  readonly caps: ContextCaps;
  readonly countedBytes: number;
  readonly countedEntries: number;
  /** The heaviest top-level entries by the measure that overflowed, heaviest first. */
  readonly biggest: readonly ContextEntry[];
}

export type ContextMeasure = { readonly within: true; readonly bytes: number; readonly entries: number } | ({ readonly within: false } & OversizedContext);

const BIGGEST_SHOWN = 5;
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * Measures a build context as BuildKit will send it: what `.dockerignore` excludes is not counted
 * (the `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's, as in BuildKit),
 * links are counted, never followed, and file sizes are apparent sizes (a sparse 10 GiB file is
 * sent as 10 GiB). The walk streams each folder and stops as soon as a cap is passed, so a context
 * of ten million files costs the first twenty thousand.
 */
export async function measureContext(contextDir: string, dockerfile: string | undefined, caps: ContextCaps = CONTEXT_CAPS): Promise<ContextMeasure> {
  const rules = await ignoreRules(contextDir, dockerfile);
  const tops = new Map<string, { bytes: number; entries: number }>();
  let bytes = 0;
  let entries = 0;
  const pending: string[] = [""];
  while (pending.length > 0) {
    const relativeDir = pending.pop() as string;
    const dir = await opendir(join(contextDir, relativeDir), { bufferSize: 256 }).catch(() => undefined);
    // An unreadable folder is BuildKit's to report (it fails the build on it), not a size.
    if (!dir) continue;
    for await (const entry of dir) {
      const path = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rules.ignores(path) && !rules.reincludes) continue;
        pending.push(path);
      } else if (rules.ignores(path)) continue;
      const size = entry.isDirectory() ? 0 : ((await lstat(join(contextDir, path)).catch(() => undefined))?.size ?? 0);
      bytes += size;
      entries += 1;
      const top = topLevelName(path, relativeDir === "" && entry.isDirectory());
      const counted = tops.get(top) ?? { bytes: 0, entries: 0 };
      tops.set(top, { bytes: counted.bytes + size, entries: counted.entries + 1 });
      if (bytes > caps.bytes || entries > caps.entries) {
        // Leaving the loop closes the folder.
        const over = bytes > caps.bytes ? "bytes" : "entries";
        return { within: false, contextDir, over, caps, countedBytes: bytes, countedEntries: entries, biggest: heaviest(tops, over) };
      }
    }
  }
  return { within: true, bytes, entries };
}

interface IgnoreRules {
  ignores(path: string): boolean;
  /** A `!pattern` may bring back a file under an ignored folder, so ignored folders must be walked. */
  readonly reincludes: boolean;
}

async function ignoreRules(contextDir: string, dockerfile: string | undefined): Promise<IgnoreRules> {
  const content = await readDockerignore(contextDir, dockerfile);
  if (content === undefined) return { ignores: () => false, reincludes: false };
  const lines = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  // CommonJS typed with an ES `default`: under NodeNext the factory is that `default`.
  const matcher: Ignore = dockerignore.default().add(lines);
  return { ignores: (path) => matcher.ignores(path), reincludes: lines.some((line) => line.startsWith("!")) };
}

/**
 * The `.dockerignore` BuildKit applies to a build: the `<Dockerfile>.dockerignore` beside the
 * Dockerfile wins over the context's own. Undefined when there is none, or when the one that
 * applies is not a regular file (a link is not followed) or is past MAX_IGNORE_FILE_BYTES: a
 * `.dockerignore` the size of a disk image is not read, it then counts in the context itself.
 */
export async function readDockerignore(contextDir: string, dockerfile: string | undefined): Promise<string | undefined> {
  const candidates = [...(dockerfile ? [join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`)] : []), join(contextDir, ".dockerignore")];
  for (const candidate of candidates) {
    const info = await lstat(candidate).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (info.size > MAX_IGNORE_FILE_BYTES) return undefined;
    return readFile(candidate, "utf8");
  }
  return undefined;
}

function topLevelName(path: string, isTopFolder: boolean): string {
  const slash = path.indexOf("/");
  if (slash >= 0) return `${path.slice(0, slash)}/`;
  return isTopFolder ? `${path}/` : path;
}

function heaviest(tops: ReadonlyMap<string, { bytes: number; entries: number }>, over: "bytes" | "entries"): ContextEntry[] {
  return [...tops.entries()]
    .map(([path, counted]) => ({ path, ...counted }))
    .sort((a, b) => b[over] - a[over] || a.path.localeCompare(b.path))
    .slice(0, BIGGEST_SHOWN);
}
