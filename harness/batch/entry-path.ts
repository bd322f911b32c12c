import type { ArchiveRefusal } from "./archive-refusal.ts";

/** An entry name made safe: a relative POSIX path with no empty, `.` or `..` component. */
export type SafeEntryPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: ArchiveRefusal };

/**
 * Checks an entry name as the archive wrote it, before any normalisation could hide a trick:
 * `a/../../x` must be refused, not resolved to `../x` or to `x`. Backslashes are refused rather than
 * read as separators: `..\\evil` is a Windows climb, and a literal backslash in a name is no
 * course file either. `.` and empty components (`./a//b`) are only dropped.
 */
export function safeEntryPath(name: string): SafeEntryPath {
  if (name.length === 0 || name.includes("\0")) return { ok: false, reason: "invalid-name" };
  if (name.includes("\\") || /^[A-Za-z]:/.test(name)) return { ok: false, reason: "windows-path" };
  if (name.startsWith("/")) return { ok: false, reason: "absolute-path" };
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) return { ok: false, reason: "parent-path" };
  // `./` alone is the archive's root folder, which always exists.
  return { ok: true, path: parts.join("/") };
}
