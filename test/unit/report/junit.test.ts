import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ClassEntry } from "../../../harness/report/class-entry.ts";
import { renderJunit } from "../../../harness/report/junit.ts";
import { HOSTILE, HOSTILE_STRINGS, hostileEntry, refusedResult, sampleClass } from "./class-fixtures.ts";
import { sampleResult } from "./fixtures.ts";

type Attributes = Record<string, string>;
interface Property {
  "@_name": string;
  "@_value": string;
}
interface Outcome {
  "@_message": string;
  "@_type": string;
  "#text"?: string;
}
interface ParsedCase {
  "@_classname": string;
  "@_name": string;
  properties?: { property: Property[] };
  failure?: Outcome;
  error?: Outcome;
  skipped?: Outcome;
  "system-out"?: string;
}
interface ParsedSuite extends Record<string, unknown> {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_errors": string;
  "@_skipped": string;
  properties: { property: Property[] };
  testcase: ParsedCase[];
}

/** Reads the file the way CI test reporters do: validate, then walk testsuites/testsuite/testcase. */
function parse(xml: string): { root: Attributes; suites: ParsedSuite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // Character references (&#10;) are XML, which every JUnit consumer's parser decodes.
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  const document = parser.parse(xml) as { testsuites: Attributes & { testsuite?: ParsedSuite[] } };
  return { root: document.testsuites, suites: document.testsuites.testsuite ?? [] };
}

function count(cases: readonly ParsedCase[], element: "failure" | "error" | "skipped"): number {
  return cases.filter((testcase) => testcase[element] !== undefined).length;
}

describe("renderJunit", () => {
  it("gives one suite per student whose counts match its testcases, and totals that match the suites", () => {
    const entries = sampleClass();
    const { root, suites } = parse(renderJunit(entries));
    expect(suites.map((suite) => suite["@_name"])).toStrictEqual(
      entries.map((entry) =>
        entry.student
          .replace(/\r\n|\r/g, "\n")
          .replace(/\u0000|\ud800/g, "")
          .replace(/\u001b\[[0-9;]*m|\u001b\]0;title\u0007/g, ""),
      ),
    );
    for (const suite of suites) {
      expect(Number(suite["@_tests"])).toBe(suite.testcase.length);
      expect(Number(suite["@_failures"])).toBe(count(suite.testcase, "failure"));
      expect(Number(suite["@_errors"])).toBe(count(suite.testcase, "error"));
      expect(Number(suite["@_skipped"])).toBe(count(suite.testcase, "skipped"));
    }
    for (const key of ["tests", "failures", "errors", "skipped"] as const) {
      expect(Number(root[`@_${key}`])).toBe(suites.reduce((sum, suite) => sum + Number(suite[`@_${key}`]), 0));
    }
  });

  it("names each testcase with its points, keeps them as properties, and puts message and hint in the failure", () => {
    const entry: ClassEntry = { student: "alice", result: sampleResult("fr") };
    const [suite] = parse(renderJunit([entry])).suites;
    expect(suite?.properties.property).toContainEqual({ "@_name": "exercise", "@_value": "05-multistage" });
    const names = suite?.testcase.map((testcase) => testcase["@_name"]);
    expect(names).toStrictEqual([
      "Le Dockerfile existe [2/2 pts]",
      "L’image se construit [3/3 pts]",
      "L’image finale est légère [0/3 pts]",
      "Le conteneur devient sain [0/2 pts]",
      "Le processus ne tourne pas en root [0/2 pts]",
    ]);
    const [, built, size, health, nonRoot] = suite?.testcase ?? [];
    expect(built?.["system-out"]).toContain("#5 [build 2/4] RUN npm ci");
    expect(size?.["@_classname"]).toBe("05-multistage");
    expect(size?.properties?.property).toStrictEqual([
      { "@_name": "points", "@_value": "3" },
      { "@_name": "earned", "@_value": "0" },
    ]);
    expect(size?.failure?.["@_message"]).toBe("L’image finale pèse 1,1 Go.");
    expect(size?.failure?.["#text"]).toContain("Indice\u00a0: Construisez dans une première étape");
    expect(size?.failure?.["#text"]).toContain("Attendu\u00a0: moins de 200 Mo");
    expect(health?.error?.["#text"]).toContain("ce n’est pas de votre faute");
    expect(health?.failure).toBeUndefined();
    expect(nonRoot?.skipped?.["@_message"]).toContain("Dépend de");
  });

  it("shows a refused submission as one failing testcase listing each refused setting", () => {
    const [suite] = parse(renderJunit([{ student: "chloé", result: refusedResult() }])).suites;
    expect(suite?.testcase).toHaveLength(1);
    const [refused] = suite?.testcase ?? [];
    expect(refused?.["@_name"]).toBe("Correction impossible [0/12 pts]");
    expect(refused?.failure?.["@_type"]).toBe("policy-refused");
    expect(refused?.failure?.["#text"]).toContain("compose.yaml:7 services.web.privileged: true — Le mode privilégié est refusé. (CIS 5.4)");
    expect(refused?.failure?.["#text"]).toContain("compose.yaml:12 /var/run/docker.sock");
  });

  it("keeps hostile text as text: valid XML, no forbidden characters, markup and line breaks intact", () => {
    const xml = renderJunit([hostileEntry()]);
    expect(xml).not.toMatch(/[\u0000\u001b\ud800]/);
    expect(xml).not.toContain("<script>");
    const [suite] = parse(xml).suites;
    const [first] = suite?.testcase ?? [];
    expect(first?.failure?.["@_message"]).toBe(HOSTILE_STRINGS[0]);
    const texts = suite?.testcase.map((testcase) => `${testcase.failure?.["@_message"] ?? ""}${testcase["system-out"] ?? ""}`).join("\n") ?? "";
    for (const survivor of ["]]> <![CDATA[", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "🐳 Docker", "Élève à l’école, ça marche"]) {
      expect(texts).toContain(survivor);
    }
    // A line break inside an attribute survives as a reference instead of being normalised to a space.
    expect(suite?.testcase[1]?.["system-out"]).toBe("line one\nline two\nline three");
    expect(suite?.["@_name"]).toContain("<script>alert(1)</script>");
    expect(HOSTILE).toContain("nul\u0000byte");
  });
});
