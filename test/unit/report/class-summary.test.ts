import { describe, expect, it } from "vitest";
import { formatPercent } from "../../../harness/kernel/ui.ts";
import { renderClassSummary } from "../../../harness/report/class-summary.ts";
import { hostileEntry, markupClass, sampleClass, scoredEntry } from "./class-fixtures.ts";
import { HOSTILE_ATTRIBUTE, HOSTILE_SCRIPT } from "./fixtures.ts";
import { gfmTables, htmlTokens } from "../../support/gfm.ts";

/** The tables under their headings, as GitHub's GFM parser reads them; each row as wide as its header. */
function tables(markdown: string) {
  const found = gfmTables(markdown);
  for (const { header, rows } of found.values()) for (const row of rows) expect(row).toHaveLength(header.length);
  return found;
}

/** Raw HTML CommonMark would pass through: a tag, a comment, a CDATA section or a processing instruction. */
const RAW_HTML = /<[a-zA-Z/!?]/;

describe("renderClassSummary (class-summary)", () => {
  it("counts the class and gives the spread of the graded scores", () => {
    const entries = [scoredEntry("a", 10), scoredEntry("b", 4), scoredEntry("c", 1), ...sampleClass().slice(2, 3)];
    const markdown = renderClassSummary(entries, "en");
    expect(markdown).toContain("Students: **4** · Graded: **3** · Not graded: **1** · Grader errors: **0**");
    expect(markdown).toContain("Mean: **5/10 (50%)** · Median: **4/10 (40%)** · Lowest: **1/10 (10%)** · Highest: **10/10 (100%)**");
  });

  it("gives each check's pass rate, the least passed in bold, a grader error left out", () => {
    const entries = [scoredEntry("a", 10), scoredEntry("b", 4), scoredEntry("c", 1), scoredEntry("d", 0)];
    const rates = tables(renderClassSummary(entries, "en")).get("Pass rate per check");
    expect(rates?.header).toStrictEqual(["Check", "Points", "Passed / assessed", "Pass rate"]);
    expect(rates?.rows[0]).toStrictEqual(["L’image se construit", "1", "3/4", "75%"]);
    expect(rates?.rows[9]).toStrictEqual(["**Vérification 9**", "1", "1/4", "**25%** (least passed)"]);
    const sample = tables(renderClassSummary(sampleClass(), "en")).get("Pass rate per check");
    expect(sample?.rows.find((row) => row[0] === "The container becomes healthy")?.slice(2)).toStrictEqual(["0/0", "—"]);
  });

  it("lists every student with score and percent, a refusal apart, and late work when there was a deadline", () => {
    const entries = sampleClass().map((entry, index) => ({ ...entry, late: index === 1 }));
    const found = tables(renderClassSummary(entries, "fr"));
    const students = found.get("Étudiant·es");
    expect(students?.header).toStrictEqual(["Étudiant·e", "Identifiant", "Note", "Pourcentage", "En retard"]);
    expect(students?.rows.slice(0, 3)).toStrictEqual([
      ["alice", "20250001", "5/12", formatPercent(5 / 12, "fr"), ""],
      ["bob", "", "5/12", formatPercent(5 / 12, "fr"), "En retard"],
      ["chloé", "20250003", "—", "non corrigé", ""],
    ]);
    expect(found.get("Rendus non corrigés")?.rows).toStrictEqual([["chloé", "policy\\-refused", "Ce rendu demande des droits que la correction refuse\\."]]);
    expect(found.get("Erreurs du correcteur")?.rows.map((row) => row[0])).toStrictEqual(["alice", "bob"]);
    expect(tables(renderClassSummary(sampleClass(), "fr")).get("Étudiant·es")?.header).not.toContain("En retard");
  });

  it("keeps hostile strings inside their cells, escaped, with no HTML", () => {
    for (const entries of [[hostileEntry()], markupClass(`${HOSTILE_SCRIPT} ${HOSTILE_ATTRIBUTE}`)]) {
      const markdown = renderClassSummary(entries, "fr");
      expect(markdown).not.toMatch(RAW_HTML);
      expect(htmlTokens(markdown)).toStrictEqual([]);
      expect(markdown).not.toMatch(/[\u0000\u001b\ud800]/);
      expect(markdown.split("\n").filter((line) => line.startsWith("|") && !line.endsWith("|"))).toStrictEqual([]);
      expect(tables(markdown).size).toBeGreaterThanOrEqual(2);
    }
    const students = tables(renderClassSummary([hostileEntry()], "fr")).get("Étudiant·es");
    // The parser reads the escaped pipes as text of the cell, not as cell borders.
    expect(students?.rows[0]?.[0]).toContain("pipe | cell | break");
    expect(students?.rows[0]?.[0]).toContain("\\*\\*bold\\*\\* \\_em\\_ \\[link\\]\\(http\\:\\/\\/x\\)");
    expect(students?.rows[0]?.[1]).toBe("\\=1\\+1");
  });

  it("writes both languages, and says so when the class is empty", () => {
    expect(renderClassSummary(sampleClass(), "fr")).toMatch(/^### Bilan de la classe — Construction multi\\-étapes\n/);
    expect(renderClassSummary(sampleClass(), "en")).toMatch(/^### Class summary — Multi\\-stage builds\n/);
    expect(renderClassSummary([], "en")).toBe("### Class summary\n\nThis class has no submissions.\n");
    expect(renderClassSummary([], "fr")).toBe("### Bilan de la classe\n\nAucun rendu dans cette classe.\n");
  });
});
