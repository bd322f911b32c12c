import { plainText } from "./plain-text.ts";

// Everything XML 1.0 allows in a document (https://www.w3.org/TR/xml/#charsets); with the `u` flag a lone
// surrogate is one code point outside these ranges, so it goes too.
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Submission text made safe as XML character data. Terminal escapes are removed first (a report reader
 * would see them as garbage), then what XML 1.0 cannot hold at all: a NUL byte makes the whole file
 * unparseable, and with it every student's results.
 */
export function xmlText(value: string): string {
  return plainText(value)
    .replace(FORBIDDEN, "")
    .replace(/[&<>"']/g, (char) => ENTITY[char] ?? char);
}

/** As `xmlText`, for an attribute value: parsers turn a raw line break there into a space, a reference keeps it. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
