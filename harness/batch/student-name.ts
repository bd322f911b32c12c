/** Longest folder name kept: enough for "firstname-lastname-id", short enough for every file system. */
const MAX_LENGTH = 64;

/**
 * A student's name (folder or archive name) as a safe folder name: accents dropped, anything but
 * letters, digits, `.`, `_` and `-` turned into `-`, lower case so two names cannot differ only by
 * case (they would collide on macOS and Windows), never empty and never starting with a dot.
 */
export function safeStudentName(raw: string): string {
  const ascii = raw.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const cleaned = ascii
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, MAX_LENGTH)
    .replace(/[-.]+$/, "");
  return cleaned === "" ? "student" : cleaned;
}

/**
 * Safe names for raw names, in the same order. When several clean up the same, the first in the list
 * keeps the name and the next get `-2`, `-3`...: callers pass a sorted list, so the same sources always
 * give the same folders. A name free as it is keeps it (a raw `alice-2` against two `Alice`).
 */
export function uniqueStudentNames(rawNames: readonly string[]): string[] {
  const wanted = rawNames.map(safeStudentName);
  const counts = new Map<string, number>();
  for (const name of wanted) counts.set(name, (counts.get(name) ?? 0) + 1);
  const taken = new Set(wanted.filter((name) => counts.get(name) === 1));
  const firstOfGroup = new Set<string>();
  return wanted.map((name) => {
    if (counts.get(name) === 1) return name;
    let unique = name;
    if (firstOfGroup.has(name) || taken.has(name)) {
      for (let suffix = 2; taken.has(unique); suffix += 1) unique = `${name}-${suffix}`;
    }
    firstOfGroup.add(name);
    taken.add(unique);
    return unique;
  });
}
