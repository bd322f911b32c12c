import { sep } from "node:path";

/**
 * Whether `path` is `root` or lies under it. Both must be absolute and normal (real paths, or the
 * paths `docker compose config` resolves): the comparison is by characters, so `/sub` never
 * counts `/submarine` as inside, and a path is judged as the file system names it.
 */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
