import { isUtf8 } from "node:buffer";

/** What is wrong with a Dockerfile's bytes, before anything reads it as text. */
export type EncodingProblem =
  /** NUL bytes: an image, an archive or a program renamed, not text. */
  | { readonly kind: "binary"; readonly line: number }
  /** Saved as UTF-16 (Windows editors' "Unicode"): every other byte is NUL. */
  | { readonly kind: "utf16"; readonly line: 1 }
  /** Text, but not UTF-8 (typically Latin-1 / Windows-1252 accents). */
  | { readonly kind: "not-utf8"; readonly line: number; readonly excerpt: string };

export type DecodedDockerfile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: EncodingProblem };

const NEWLINE = 0x0a;
const EXCERPT_CHARS = 80;

/**
 * Reads a Dockerfile's bytes as BuildKit will, strictly: UTF-8 (a byte-order mark is fine and
 * dropped), no NUL byte. A problem names the first line it is on, 1-based.
 */
export function decodeDockerfile(bytes: Uint8Array): DecodedDockerfile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, problem: { kind: "utf16", line: 1 } };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: { kind: "binary", line: lineOf(bytes, nul) } };
  if (!isUtf8(bytes)) return { ok: false, problem: firstInvalidLine(bytes) };
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = bytes.indexOf(NEWLINE); index >= 0 && index < offset; index = bytes.indexOf(NEWLINE, index + 1)) line += 1;
  return line;
}

/** No UTF-8 sequence holds a newline byte, so each line is checked on its own. */
function firstInvalidLine(bytes: Uint8Array): EncodingProblem {
  for (let start = 0, line = 1; ; line += 1) {
    const newline = bytes.indexOf(NEWLINE, start);
    const content = bytes.subarray(start, newline < 0 ? bytes.length : newline);
    // Only called when the whole file is invalid: if no earlier line is, the last one is.
    if (newline < 0 || !isUtf8(content)) {
      // Shown as Latin-1, the likeliest encoding of a French file that is not UTF-8.
      const excerpt = new TextDecoder("latin1").decode(content).trimEnd();
      return { kind: "not-utf8", line, excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS)}…` : excerpt };
    }
    start = newline + 1;
  }
}
