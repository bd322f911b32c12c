import { rawFindings, serviceNames, toViolations, type ComposeCheckOptions } from "../../../harness/policy/compose-check.ts";
import type { ComposeSource } from "../../../harness/policy/compose-sources.ts";
import { parseComposeBytes } from "../../../harness/policy/compose-text.ts";
import { lexicalView } from "../../../harness/policy/host-paths.ts";
import type { PolicyViolation } from "../../../harness/policy/violation.ts";

/** A submission folder that exists only on paper: paths are judged lexically. */
export const ROOT = "/home/student/tp";

export const OPTIONS: ComposeCheckOptions = { root: ROOT, capAdd: [], view: lexicalView, engineSockets: [] };

/** A raw Compose file as the grader parses it, relative paths resolving against the submission. */
export function source(yaml: string | Uint8Array, file = "compose.yaml", base = ROOT): ComposeSource {
  const parsed = parseComposeBytes(typeof yaml === "string" ? new TextEncoder().encode(yaml) : yaml, file);
  if (!parsed.ok) throw new Error(`not parsed: ${parsed.violation.rule}`);
  return { text: parsed.text, base };
}

/** The raw pass over one or more files. */
export function rawViolations(sources: readonly ComposeSource[], options: Partial<ComposeCheckOptions> = {}): PolicyViolation[] {
  return toViolations(rawFindings(sources, { ...OPTIONS, ...options }, serviceNames(sources)));
}

/** `rule file:line` for each violation, in line order: what a student reads first. */
export function where(violations: readonly PolicyViolation[]): string[] {
  return [...violations]
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
    .map((violation) => `${violation.rule} ${violation.file}:${violation.line ?? "-"}`);
}
