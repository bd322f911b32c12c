import { describe, expect, it } from "vitest";
import { renderResultSummary } from "../../../harness/report/markdown-summary.ts";
import { hostileEntry, refusedResult } from "./class-fixtures.ts";
import { sampleResult } from "./fixtures.ts";
import { gfmTables, htmlTokens } from "../../support/gfm.ts";

/** The summary's one table as GitHub's GFM parser reads it: header first, then a row per check. */
function tableRows(markdown: string): string[][] {
  const table = [...gfmTables(markdown).values()][0];
  return table === undefined ? [] : [table.header, ...table.rows];
}

/** Raw HTML CommonMark would pass through: a tag, a comment, a CDATA section or a processing instruction. */
const RAW_HTML = /<[a-zA-Z/!?]/;

describe("renderResultSummary", () => {
  it("shows the score, a row per check, and the hint of a failed check", () => {
    const markdown = renderResultSummary(sampleResult("fr"));
    expect(markdown.startsWith("### Construction multi\\-étapes — Note\u00a0: 5/12\n")).toBe(true);
    const [header, ...checks] = tableRows(markdown);
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
    const [header, ...checks] = tableRows(markdown);
    expect(checks).toHaveLength(hostileEntry().result.checks.length);
    for (const row of checks) expect(row).toHaveLength(header?.length ?? 0);
    expect(htmlTokens(markdown).filter((html) => html !== "<br>")).toStrictEqual([]);
    // The only tag is the line break the renderer itself puts before a hint.
    expect(markdown.replaceAll("<br>", "")).not.toMatch(RAW_HTML);
  });
});
