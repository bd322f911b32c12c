import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

/** A submission is a few files; past this many the walk stops (the build context cap refuses more anyway). */
const MAX_ENTRIES = 20_000;

/**
 * When a folder's work was last changed: the newest modification date of its files (links not
 * followed, `.git` skipped). Archives keep their entries' dates when extracted, so this is the
 * student's last edit, not the download. Undefined for a folder without files.
 */
export async function newestFileDate(dir: string): Promise<Date | undefined> {
  let newest = 0;
  let seen = 0;
  const pending = [dir];
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const folder = pending.pop() as string;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      seen += 1;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git") pending.push(path);
      } else if (entry.isFile()) {
        newest = Math.max(newest, (await lstat(path)).mtimeMs);
      }
    }
  }
  return newest === 0 ? undefined : new Date(newest);
}
