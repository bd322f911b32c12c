import { describe, expect, it } from "vitest";
import { renderResultSummary } from "../../../harness/report/markdown-summary.ts";
import { renderPullRequestSummary } from "../../../harness/report/pull-request-summary.ts";
import { refusedResult } from "./class-fixtures.ts";
import { sampleResult } from "./fixtures.ts";

describe("renderPullRequestSummary", () => {
  it("says in the reader's language that no exercise was touched", () => {
    expect(renderPullRequestSummary([], 100, true, "fr")).toBe(
      "## Correction de la pull request\n\nCette pull request ne modifie le `starter/` d’aucun exercice : il n’y a rien à corriger.\n",
    );
    expect(renderPullRequestSummary([], 100, true, "en")).toContain("changes no exercise's `starter/`");
  });

  it("gives the threshold and its verdict, then each exercise's own summary", () => {
    const results = [sampleResult("en"), refusedResult()];
    const markdown = renderPullRequestSummary(results, 80, false, "en");
    expect(markdown.startsWith("## Pull request grading\n\nThreshold: 80% — ❌ not reached\n\n")).toBe(true);
    for (const result of results) expect(markdown).toContain(renderResultSummary(result));
    expect(renderPullRequestSummary([sampleResult("fr")], 100, true, "fr")).toContain("Seuil\u00a0: 100\u00a0% — ✅ atteint pour chaque exercice");
  });
});
