import { marked, type Token, type Tokens } from "marked";

export interface GfmTable {
  readonly header: string[];
  readonly rows: string[][];
}

/**
 * The tables of a Markdown document as a GFM parser (marked, GitHub Flavored Markdown on) reads
 * them, each under the heading that precedes it: cells as written, trimmed. A table the parser does
 * not see as one (a stray `|`, a row too long) is missing here, so tests that look it up fail.
 */
export function gfmTables(markdown: string): Map<string, GfmTable> {
  const tables = new Map<string, GfmTable>();
  let heading = "";
  for (const token of marked.lexer(markdown, { gfm: true })) {
    if (token.type === "heading") heading = (token as Tokens.Heading).text;
    if (token.type !== "table") continue;
    const table = token as Tokens.Table;
    tables.set(heading, { header: table.header.map((cell) => cell.text.trim()), rows: table.rows.map((row) => row.map((cell) => cell.text.trim())) });
  }
  return tables;
}

/** Every raw HTML token the parser found, at any depth: what GitHub would pass to its sanitizer. */
export function htmlTokens(markdown: string): string[] {
  const found: string[] = [];
  marked.walkTokens(marked.lexer(markdown, { gfm: true }), (token: Token) => {
    if (token.type === "html") found.push((token as Tokens.HTML).raw);
  });
  return found;
}
