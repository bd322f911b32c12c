import { LineCounter, parseDocument, type Document } from "yaml";
import { composeViolation, type ComposeRuleId } from "./compose-rules.ts";
import type { PolicyViolation } from "./violation.ts";

/** A hand-written Compose file is a few kilobytes; this leaves room for generous comments. */
export const MAX_COMPOSE_BYTES = 512 * 1024;
/**
 * Aliases a real Compose file uses (`<<: *defaults` per service) stay far below this; an alias
 * bomb needs thousands. The `yaml` library counts expansions and stops at this many.
 */
const MAX_ALIAS_COUNT = 200;

/** One Compose file read as the grader read it: the document (for lines) and its plain value. */
export interface ComposeText {
  /** Path relative to the submission root, as violations name it. */
  readonly file: string;
  readonly source: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  /** The document as plain data, aliases expanded (bounded). */
  readonly data: unknown;
}

export type ParsedCompose = { readonly ok: true; readonly text: ComposeText } | { readonly ok: false; readonly violation: PolicyViolation };

/**
 * Reads a Compose file's bytes before Compose ever does: too large, not UTF-8, binary, not YAML,
 * or an alias bomb are refused here with the file and line, so `docker compose` never parses them.
 */
export function parseComposeBytes(bytes: Uint8Array, file: string): ParsedCompose {
  if (bytes.byteLength > MAX_COMPOSE_BYTES) {
    return refused("compose-too-large", file, undefined, `${bytes.byteLength} bytes (limit ${MAX_COMPOSE_BYTES})`);
  }
  const badLine = firstNonUtf8Line(bytes);
  if (badLine !== undefined) return refused("not-utf8", file, badLine, `line ${badLine}`);
  const source = new TextDecoder("utf-8").decode(bytes);
  const nul = source.indexOf("\0");
  if (nul >= 0) return refused("not-yaml", file, lineAt(source, nul), "binary content (NUL byte)");
  const lines = new LineCounter();
  // Compose files use merge keys (`<<: *defaults`), which YAML 1.2 leaves out unless asked.
  const document = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: true });
  const [error] = document.errors;
  if (error) return refused("not-yaml", file, lines.linePos(error.pos[0]).line, error.message.split("\n")[0] ?? error.code);
  try {
    const data: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { ok: true, text: { file, source, document, lines, data } };
  } catch (error) {
    // `yaml` throws a ReferenceError once aliases expand past the count: the resource-exhaustion guard.
    if (error instanceof ReferenceError) return refused("yaml-aliases", file, firstAliasLine(source), `more than ${MAX_ALIAS_COUNT} alias expansions`);
    throw error;
  }
}

/** 1-based line of the first byte sequence that is not UTF-8; a newline byte never sits inside a UTF-8 sequence. */
export function firstNonUtf8Line(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    decoder.decode(bytes);
    return undefined;
  } catch {
    let start = 0;
    let line = 1;
    while (start <= bytes.byteLength) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.byteLength;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        return line;
      }
      start = end + 1;
      line++;
    }
    return 1;
  }
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split("\n").length;
}

function firstAliasLine(source: string): number | undefined {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(source);
  return match ? lineAt(source, match.index + match[1]!.length) : undefined;
}

function refused(rule: ComposeRuleId, file: string, line: number | undefined, setting: string): ParsedCompose {
  return { ok: false, violation: composeViolation(rule, { file, line }, setting) };
}
