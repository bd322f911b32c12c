import { describe, expect, it } from "vitest";
import { renderResultSummary } from "../../../harness/report/markdown-summary.ts";
import { hostileEntry, refusedResult } from "./class-fixtures.ts";
import { sampleResult } from "./fixtures.ts";

/**
 * The cells of a GFM table row as the GFM spec splits them: on `|` not escaped by a backslash, leading
 * and trailing pipes optional. (No Markdown parser is installed; this is the spec's rule for tables.)
 */
function cells(row: string): string[] {
  const parts = row.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "").split(/(?<!\\)\|/);
  return parts.map((cell) => cell.trim());
}

function tableRows(markdown: string): string[][] {
  return markdown.split("\n").filter((line) => line.startsWith("|")).map(cells);
}

/** Raw HTML CommonMark would pass through: a tag, a comment, a CDATA section or a processing instruction. */
const RAW_HTML = /<[a-zA-Z/!?]/;

describe("renderResultSummary", () => {
  it("shows the score, a row per check, and the hint of a failed check", () => {
    const markdown = renderResultSummary(sampleResult("fr"));
    expect(markdown.startsWith("### Construction multi\\-étapes — Note\u00a0: 5/12\n")).toBe(true);
    const [header, , ...checks] = tableRows(markdown);
    expect(checks).toHaveLength(5);
    for (const row of checks) expect(row).toHaveLength(header?.length ?? 0);
    expect(checks[2]).toStrictEqual(["❌", "L’image finale est légère", "0/3", expect.stringContaining("<br>Indice\u00a0: Construisez")]);
  });

  it("lists each refused setting with its file and line", () => {
    const markdown = renderResultSummary(refusedResult());
    expect(markdown).toContain("Correction impossible");
    expect(markdown).toContain("- compose\\.yaml\\:7 services\\.web\\.privileged\\: true");
    expect(tableRows(markdown)).toHaveLength(0);
  });

  it("lets no submission text out of its cell or into HTML", () => {
    const markdown = renderResultSummary(hostileEntry().result);
    const [header, , ...checks] = tableRows(markdown);
    for (const row of checks) expect(row).toHaveLength(header?.length ?? 0);
    // The only tag is the line break the renderer itself puts before a hint.
    expect(markdown.replaceAll("<br>", "")).not.toMatch(RAW_HTML);
    expect(markdown.split("\n").filter((line) => line.startsWith("|"))).toHaveLength(2 + checks.length);
  });
});
