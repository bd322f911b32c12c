import { plainText } from "./plain-text.ts";

const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Submission text as inline Markdown that renders as the same characters and nothing else: on one line
 * (a line break would end a table row), HTML special characters as entities (no tag, no comment), every
 * other ASCII punctuation backslash-escaped, which CommonMark allows for all of them, so no emphasis,
 * link, code span, `|` cell break or `@mention` can start.
 */
export function markdownText(value: string): string {
  return plainText(value)
    .replace(/\p{Cs}/gu, "")
    .replace(/\s*\n\s*/g, " ")
    .trim()
    .replace(ASCII_PUNCTUATION, (char) => ENTITY[char] ?? `\\${char}`);
}
