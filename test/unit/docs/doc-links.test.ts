import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DocSet } from "./markdown-references.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** README.md and every page under docs/, as paths from the root. */
function docPages(): string[] {
  const pages = readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name.split("\\").join("/")}`)
    .sort();
  return ["README.md", ...pages];
}

describe("the docs point only at what exists", () => {
  const docs = new DocSet(ROOT);

  it.each(docPages())("%s: every link, anchor and repository path leads somewhere", (page) => {
    expect(docs.problemsOf(page)).toEqual([]);
  });

  it("has an index that links to every page of docs/", () => {
    const index = join(ROOT, "docs", "README.md");
    const pages = docPages().filter((page) => page.startsWith("docs/") && page !== "docs/README.md");
    const linked = new Set([...readFileSync(index, "utf8").matchAll(/\]\(([^)#]+\.md)(?:#[^)]*)?\)/g)].map((match) => `docs/${match[1]}`));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});

describe("the checker", () => {
  /** A repository of its own, so that what is broken is known. */
  function repository(files: Record<string, string>): DocSet {
    const root = mkdtempSync(join(tmpdir(), "dockgrade-docs-"));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return new DocSet(root);
  }

  it("accepts links, anchors and paths that exist, and placeholders", () => {
    const docs = repository({
      "harness/cli/bin.ts": "",
      "docs/a.md":
        "# Page A\n\n## The `grade` command: options\n\nSee [b](b.md#writing-an-exercise), [here](#the-grade-command-options), [cli](../harness/cli/).\n\n`harness/cli/bin.ts`, `graders/<id>/corpus/`, `result.json`, `https://example.org`.\n",
      "docs/b.md": "# Writing an exercise\n",
    });
    expect(docs.problemsOf("docs/a.md")).toEqual([]);
  });

  it("names each broken link, anchor and path with its line", () => {
    const docs = repository({
      "docs/a.md": "# A\n\n[gone](gone.md)\n[anchor](b.md#no-such-heading)\n\n`harness/sandbox/container-limits.ts` and `vitest.unit.config.ts`\n",
      "docs/b.md": "# B\n",
    });
    expect(docs.problemsOf("docs/a.md")).toEqual([
      { file: "docs/a.md", line: 3, message: "link gone.md: docs/gone.md does not exist" },
      { file: "docs/a.md", line: 4, message: "link b.md#no-such-heading: docs/b.md has no heading whose anchor is #no-such-heading" },
      { file: "docs/a.md", line: 6, message: "`harness/sandbox/container-limits.ts` does not exist in the repository" },
      { file: "docs/a.md", line: 6, message: "`vitest.unit.config.ts` does not exist in the repository" },
    ]);
  });

  it('catches a section named in prose, as the old README\'s "Adding an exercise" was', () => {
    const docs = repository({ "README.md": 'Checks that only read\nrun concurrently ("Adding an exercise"); here the health wait hides them anyway.\n' });
    expect(docs.problemsOf("README.md")).toEqual([
      { file: "README.md", line: 2, message: 'the section "Adding an exercise" is named in prose: link to it instead ([Adding an exercise](page.md#anchor))' },
    ]);
  });
});
