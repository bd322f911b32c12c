import { parse, type DefaultTreeAdapterMap, type ParserError } from "parse5";
import { describe, expect, it } from "vitest";
import { formatPercent } from "../../../harness/kernel/ui.ts";
import { renderClassDashboard, ReportLinkError } from "../../../harness/report/class-dashboard.ts";
import type { ClassEntry } from "../../../harness/report/class-entry.ts";
import type { Lang } from "../../../harness/kernel/text.ts";
import { hostileEntry, markupClass, sampleClass, scoredEntry, syntheticClass } from "./class-fixtures.ts";
import { HOSTILE_ATTRIBUTE, HOSTILE_SCRIPT } from "./fixtures.ts";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["childNode"] | DefaultTreeAdapterMap["document"];

/** Each student's link, from their place in the class: a roster name is never part of a path here. */
function render(entries: readonly ClassEntry[], lang: Lang = "fr"): string {
  return renderClassDashboard(entries, { lang, timeZone: "Europe/Paris", reportHref: (entry) => `students/${entries.indexOf(entry)}/report.html` });
}

/** The page as a browser builds it, failing on any parse error the HTML standard names. */
function tree(html: string): Element[] {
  const errors: ParserError[] = [];
  const document = parse(html, { onParseError: (error) => errors.push(error) });
  expect(errors.map((error) => `${error.code} at ${error.startLine}:${error.startCol}`)).toStrictEqual([]);
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) elements.push(node);
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
  };
  walk(document);
  return elements;
}

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;
const textOf = (element: Element): string =>
  element.childNodes.map((child) => ("value" in child ? child.value : "tagName" in child ? textOf(child) : "")).join("");
const elementsIn = (root: Element): Element[] => [root, ...root.childNodes.flatMap((child) => ("tagName" in child ? elementsIn(child) : []))];
const section = (elements: Element[], headingId: string): Element[] => {
  const found = elements.find((element) => element.tagName === "section" && attribute(element, "aria-labelledby") === headingId);
  return found === undefined ? [] : elementsIn(found);
};
/** The text of each cell of each body row of a section's table. */
const rowsOf = (elements: Element[], headingId: string): string[][] =>
  section(elements, headingId)
    .filter((element) => element.tagName === "tr")
    .slice(1)
    .map((row) => row.childNodes.filter((cell): cell is Element => "tagName" in cell).map(textOf));

describe("renderClassDashboard", () => {
  it("is valid HTML in both languages, for a sample, a hostile and an empty class", () => {
    for (const lang of ["fr", "en"] as const) {
      for (const entries of [sampleClass(), [hostileEntry()], markupClass(`${HOSTILE_SCRIPT} ${HOSTILE_ATTRIBUTE}`), []]) tree(render(entries, lang));
    }
  });

  it("is self-contained: no script, no source, and the only links are the students' reports", () => {
    const entries = [...sampleClass(), ...markupClass(`${HOSTILE_SCRIPT} ${HOSTILE_ATTRIBUTE}`)];
    const elements = tree(render(entries));
    expect(elements.filter((element) => ["script", "img", "iframe", "link", "object", "embed"].includes(element.tagName))).toStrictEqual([]);
    const attributes = elements.flatMap((element) => element.attrs);
    expect(attributes.filter((attr) => attr.name === "src" || attr.name.startsWith("on"))).toStrictEqual([]);
    const links = new Set(attributes.filter((attr) => attr.name === "href").map((attr) => attr.value));
    expect(links).toStrictEqual(new Set(entries.map((_, index) => `students/${index}/report.html`)));
  });

  it("shows hostile strings as text and never as markup", () => {
    const markup = `${HOSTILE_SCRIPT} ${HOSTILE_ATTRIBUTE}`;
    const html = render(markupClass(markup));
    expect(html).not.toMatch(/<script|<img|onerror=/i);
    const elements = tree(html);
    const texts = elements.filter((element) => ["h1", "th", "td", "code", "title"].includes(element.tagName)).map(textOf);
    // The student, their id, the exercise, a check's title and message, the refusal's code and message.
    expect(texts.filter((value) => value.includes(markup)).length).toBeGreaterThanOrEqual(8);
  });

  it("draws one bar per tenth of percentage, as tall as its count, with the count and a title", () => {
    const entries = [0, 3, 3, 7, 10, 10, 10].map((passed, index) => scoredEntry(`s${index}`, passed));
    const expected = [1, 0, 0, 2, 0, 0, 0, 1, 0, 3];
    const bins = tree(render(entries, "en")).filter((element) => element.tagName === "g" && attribute(element, "class") === "bin");
    expect(bins).toHaveLength(10);
    const bars = bins.map((bin) => {
      const [rect] = elementsIn(bin).filter((element) => element.tagName === "rect");
      const [title, count] = elementsIn(bin).filter((element) => element.tagName === "title" || element.tagName === "text");
      return { height: Number(attribute(rect!, "height")), count: Number(attribute(rect!, "data-count")), text: textOf(count!), title: textOf(title!) };
    });
    expect(bars.map((bar) => bar.count)).toStrictEqual(expected);
    expect(bars.map((bar) => Number(bar.text))).toStrictEqual(expected);
    const tallest = Math.max(...bars.map((bar) => bar.height));
    for (const bar of bars) expect(bar.height).toBeCloseTo((tallest * bar.count) / 3, 1);
    expect(bars[9]?.title).toBe("90–100% — Students: 3");
  });

  it("computes each check's pass rate over the students it says something about, and marks the least passed", () => {
    const entries = [scoredEntry("a", 10), scoredEntry("b", 4), scoredEntry("c", 1), scoredEntry("d", 0)];
    const rows = rowsOf(tree(render(entries, "en")), "checks-heading");
    expect(rows).toHaveLength(10);
    expect(rows[0]).toStrictEqual(["L’image se construit image-build", "1", "0.75", "3 / 4", "75%", "0"]);
    expect(rows[1]?.slice(3, 5)).toStrictEqual(["2 / 4", "50%"]);
    expect(rows[9]?.[0]).toContain("least passed");
    expect(rows.filter((row) => row[0]?.includes("least passed"))).toHaveLength(6);
  });

  it("leaves a grader error out of the pass rate and lists it apart from the refusals", () => {
    const elements = tree(render(sampleClass(), "en"));
    const healthcheck = rowsOf(elements, "checks-heading").find((row) => row[0]?.includes("healthcheck"));
    expect(healthcheck?.slice(3)).toStrictEqual(["0 / 0", "—", "2"]);
    expect(rowsOf(elements, "errors-heading")).toStrictEqual([
      ["alice", "Le conteneur devient sain", "Le moteur Docker n’a pas répondu à temps (délai de 30 s dépassé)."],
      ["bob", "The container becomes healthy", "The Docker Engine did not answer in time (30 s limit)."],
    ]);
    expect(rowsOf(elements, "ungraded-heading")).toStrictEqual([["chloé", "policy-refused", "Ce rendu demande des droits que la correction refuse."]]);
  });

  it("gives the spread of the graded scores, leaving a refusal out", () => {
    const html = render([scoredEntry("a", 10), scoredEntry("b", 4), scoredEntry("c", 1), { student: "r", result: sampleClass()[2]!.result }], "en");
    const figures = section(tree(html), "scores-heading")
      .filter((element) => element.tagName === "dd")
      .map(textOf);
    expect(figures).toStrictEqual(["5 / 10 50%", "4 / 10 40%", "1 / 10 10%", "10 / 10 100%"]);
  });

  it("lists the five slowest submissions with their build, and the late students", () => {
    const elements = tree(
      render([0, 1, 2, 3, 4, 5, 6].map((passed) => scoredEntry(`s${passed}`, passed, { late: passed === 2, submittedAt: "2025-06-04T08:30:00.000Z" }))),
    );
    expect(rowsOf(elements, "slowest-heading")).toStrictEqual([
      ["s6", "16\u00a0s", "7\u00a0s (réussi)"],
      ["s5", "15\u00a0s", "6\u00a0s (réussi)"],
      ["s4", "14\u00a0s", "5\u00a0s (réussi)"],
      ["s3", "13\u00a0s", "4\u00a0s (réussi)"],
      ["s2", "12\u00a0s", "3\u00a0s (réussi)"],
    ]);
    expect(rowsOf(elements, "late-heading")).toStrictEqual([["s2", "4 juin 2025 à 10:30"]]);
    expect(rowsOf(elements, "students-heading")[2]).toStrictEqual(["s2", "", "2 / 10", formatPercent(0.2, "fr"), "En retard", "Rapport détaillé"]);
  });

  it("writes the page in the language asked for", () => {
    const fr = render(sampleClass(), "fr");
    const en = render(sampleClass(), "en");
    expect(fr).toContain('<html lang="fr">');
    for (const word of ["Tableau de bord de la classe", "Médiane", "Réussite par vérification", "Rendus non corrigés", "Corrections les plus longues"])
      expect(fr).toContain(word);
    expect(en).toContain('<html lang="en">');
    for (const word of ["Class dashboard", "Median", "Pass rate per check", "Submissions that could not be graded", "Slowest submissions"])
      expect(en).toContain(word);
    expect(en).toContain("Multi-stage builds");
  });

  it("says so when the class is empty", () => {
    const html = render([], "en");
    expect(html).toContain("This class has no submissions.");
    expect(html).not.toContain("<svg");
  });

  it("renders the same class to the same bytes, and 500 students under 300 KB", () => {
    expect(render(sampleClass())).toBe(render(sampleClass()));
    const html = render(syntheticClass(500));
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
    expect(rowsOf(tree(html), "students-heading")).toHaveLength(500);
  });

  it("refuses a report link that is not a relative path", () => {
    for (const href of [
      "javascript:alert(1)",
      "https://example.com/r.html",
      "//example.com/r.html",
      "/etc/passwd",
      "java\tscript:alert(1)",
      " javascript:x",
      "",
    ]) {
      expect(() => renderClassDashboard([scoredEntry("a", 1)], { lang: "en", reportHref: () => href })).toThrow(ReportLinkError);
    }
  });
});
