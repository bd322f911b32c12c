import { describe, expect, it } from "vitest";
import { renderJson } from "../../../harness/report/json.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { gradeResult, hostileResult, sampleResult } from "./fixtures.ts";

/** The same data with every object's keys inserted in reverse order. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversed(inner)]),
  ) as T;
}

describe("renderJson", () => {
  it.each<[string, GradeResult]>([
    ["a graded result", sampleResult("fr")],
    ["an ungradable result", gradeResult({ checks: [], failure: { code: "missing-dockerfile", message: "m", hint: "h" } })],
    ["hostile content", hostileResult()],
  ])("round-trips %s", (_, result) => {
    expect(JSON.parse(renderJson(result))).toStrictEqual(result);
  });

  it("indents by two spaces, starts with the schema version and ends with a newline", () => {
    const json = renderJson(sampleResult("en"));
    expect(json.startsWith('{\n  "schemaVersion": "1.4",\n  "tool": {\n    "name": "dockgrade"')).toBe(true);
    expect(json.endsWith("}\n")).toBe(true);
  });

  it("gives the same bytes however the result object was put together", () => {
    const result = sampleResult("fr");
    expect(renderJson(reversed(result))).toBe(renderJson(result));
  });
});
