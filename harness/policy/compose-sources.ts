import { lstat, open } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { scanCompose } from "./compose-findings.ts";
import { composeViolation } from "./compose-rules.ts";
import { MAX_COMPOSE_BYTES, parseComposeBytes, type ComposeText } from "./compose-text.ts";
import { classifyHostPath, type HostView } from "./host-paths.ts";
import type { PolicyViolation } from "./violation.ts";

/** A Compose file of the project as written, and the directory its relative paths resolve against. */
export interface ComposeSource {
  readonly text: ComposeText;
  readonly base: string;
}

/** `include` chains of a real project are short; this bounds a hostile one. */
const MAX_SOURCES = 32;

/**
 * The exercise's Compose files and every file they `include` or `extends` from inside the
 * submission, read and parsed before `docker compose` ever sees them. A file outside the
 * submission is not read here (its use is refused by the path rules); a file that is not a regular
 * file, too large, not UTF-8 or not YAML is refused with its own violation.
 */
export async function readComposeSources(
  root: string,
  files: readonly string[],
  view: HostView,
): Promise<{ sources: ComposeSource[]; violations: PolicyViolation[] }> {
  const sources: ComposeSource[] = [];
  const violations: PolicyViolation[] = [];
  const seen = new Set<string>();
  const pending = files.map((file) => ({ path: resolve(root, file), base: root }));
  while (pending.length > 0 && sources.length < MAX_SOURCES) {
    const next = pending.shift() as { path: string; base: string };
    const verdict = classifyHostPath(next.path, root, root, view);
    if (verdict.kind !== "inside" || seen.has(verdict.real)) continue;
    seen.add(verdict.real);
    const read = await readBounded(verdict.real, relative(root, verdict.real));
    if ("violation" in read) {
      if (read.violation) violations.push(read.violation);
      continue;
    }
    const parsed = parseComposeBytes(read.bytes, relative(root, verdict.real));
    if (!parsed.ok) {
      violations.push(parsed.violation);
      continue;
    }
    sources.push({ text: parsed.text, base: next.base });
    pending.push(...referencedFiles(parsed.text.data, next.base));
  }
  return { sources, violations };
}

/**
 * Files Compose would read next: `include` paths (resolved against this file's base; an included
 * file's own paths resolve against its project directory, else its folder) and `extends` files
 * (whose relative paths resolve against their folder).
 */
function referencedFiles(data: unknown, base: string): { path: string; base: string }[] {
  const { hostPaths } = scanCompose(data, { base, capAdd: [], services: new Set() });
  const includeDirs = new Map<unknown, string>();
  for (const use of hostPaths) {
    if (use.rule === "include-outside" && use.at.at(-1) === "project_directory") includeDirs.set(use.at[1], resolve(base, use.path));
  }
  return hostPaths.flatMap((use) => {
    const path = resolve(use.base, use.path);
    if (use.rule === "extends-outside") return [{ path, base: dirname(path) }];
    if (use.rule !== "include-outside" || use.at.at(-1) === "project_directory") return [];
    return [{ path, base: includeDirs.get(use.at[1]) ?? dirname(path) }];
  });
}

type ReadOutcome = { readonly bytes: Uint8Array } | { readonly violation: PolicyViolation | undefined };

/** A missing file is Compose's to report (compose-valid); a FIFO or device would hang or flood the reader. */
async function readBounded(path: string, file: string): Promise<ReadOutcome> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return { violation: undefined };
  if (!info.isFile()) return { violation: composeViolation("not-yaml", { file }, file, "not a regular file") };
  if (info.size > MAX_COMPOSE_BYTES)
    return { violation: composeViolation("compose-too-large", { file }, file, `${info.size} bytes, limit ${MAX_COMPOSE_BYTES}`) };
  const handle = await open(path, "r");
  try {
    // Read one byte past the limit: a file that grew since lstat is still refused, never read whole.
    const buffer = new Uint8Array(MAX_COMPOSE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, 0);
    return { bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
