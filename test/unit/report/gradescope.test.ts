import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderGradescope } from "../../../harness/report/gradescope.ts";
import { hostileEntry, refusedResult } from "./class-fixtures.ts";
import { sampleResult } from "./fixtures.ts";

// Gradescope's documented results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/),
// strict, so a misspelt key fails here instead of being silently ignored by Gradescope.
const FORMAT = z.enum(["text", "html", "simple_format", "md", "ansi"]);
const VISIBILITY = z.enum(["hidden", "after_due_date", "after_published", "visible"]);
const GradescopeTest = z.strictObject({
  score: z.number().optional(),
  max_score: z.number().optional(),
  status: z.enum(["passed", "failed"]).optional(),
  name: z.string().optional(),
  name_format: FORMAT.optional(),
  number: z.string().optional(),
  output: z.string().optional(),
  output_format: FORMAT.optional(),
  tags: z.array(z.string()).optional(),
  visibility: VISIBILITY.optional(),
  extra_data: z.record(z.string(), z.unknown()).optional(),
});
const GradescopeResults = z
  .strictObject({
    score: z.number().optional(),
    execution_time: z.number().optional(),
    output: z.string().optional(),
    output_format: FORMAT.optional(),
    test_output_format: FORMAT.optional(),
    test_name_format: FORMAT.optional(),
    visibility: VISIBILITY.optional(),
    stdout_visibility: VISIBILITY.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
    tests: z.array(GradescopeTest).optional(),
    leaderboard: z.array(z.strictObject({ name: z.string(), value: z.union([z.number(), z.string()]), order: z.enum(["asc", "desc"]).optional() })).optional(),
  })
  // "score: optional, but required if not on each test case".
  .refine((results) => results.score !== undefined || (results.tests ?? []).every((test) => test.score !== undefined));

describe("renderGradescope", () => {
  it("writes a results.json Gradescope accepts, one test per check with its points", () => {
    const results = GradescopeResults.parse(JSON.parse(renderGradescope(sampleResult("en"))));
    expect(results.score).toBe(5);
    expect(results.tests?.map((test) => [test.name, test.score, test.max_score, test.status])).toStrictEqual([
      ["The Dockerfile exists", 2, 2, "passed"],
      ["The image builds", 3, 3, "passed"],
      ["The final image is small", 0, 3, "failed"],
      ["The container becomes healthy", 0, 2, "failed"],
      ["The process does not run as root", 0, 2, "failed"],
    ]);
    expect(results.tests?.[2]?.output).toBe(
      [
        "The final image weighs 1.1 GB.",
        "Expected: under 200 MB",
        "Actual: 1.1 GB (full node:20)",
        "Hint: Build in a first stage, then copy only /app into a node:20-slim image with COPY --from=build.",
        "Course section: 05 — Multi-stage",
      ].join("\n"),
    );
    expect(results.tests?.[3]?.output).toContain("this is not your fault");
    expect(results.execution_time).toBe(42);
  });

  it("explains a refused submission in the top-level output", () => {
    const results = GradescopeResults.parse(JSON.parse(renderGradescope(refusedResult())));
    expect(results.score).toBe(0);
    expect(results.tests).toStrictEqual([]);
    expect(results.output).toContain("compose.yaml:7 services.web.privileged: true — Le mode privilégié est refusé. (CIS 5.4)");
  });

  it("keeps hostile text as plain text without terminal escapes", () => {
    const results = GradescopeResults.parse(JSON.parse(renderGradescope(hostileEntry().result)));
    expect(results.tests?.every((test) => test.output_format === "text")).toBe(true);
    const text = JSON.stringify(results);
    expect(text).not.toContain("\\u001b");
    expect(results.tests?.[3]?.name).toBe("<script>alert(1)</script>");
  });
});
