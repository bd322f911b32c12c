import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderGitlabCodeQuality } from "../../../../harness/report/gitlab/code-quality.ts";
import { hostileEntry } from "../class-fixtures.ts";
import { locatedSubmission, refusedSubmission, ROOT, unlocatedSubmission } from "../ci-fixtures.ts";

/**
 * The Code Quality report as GitLab's docs define it ("Code Quality report format"): a JSON array of
 * issues, each with these required fields; `location.lines.begin` (or positions) gives the line.
 */
const codeQualityReport = z.array(
  z.object({
    description: z.string().min(1),
    check_name: z.string().min(1),
    fingerprint: z.string().min(1),
    severity: z.enum(["info", "minor", "major", "critical", "blocker"]),
    location: z.object({
      path: z
        .string()
        .min(1)
        .refine((path) => !path.startsWith("/") && !path.startsWith("./")),
      lines: z.object({ begin: z.number().int().min(1) }),
    }),
  }),
);

function parse(...submissions: Parameters<typeof renderGitlabCodeQuality>[0]) {
  return codeQualityReport.parse(JSON.parse(renderGitlabCodeQuality(submissions)));
}

describe("renderGitlabCodeQuality", () => {
  it("gives one issue per failed check, at its line, with a path from the repository root", () => {
    expect(parse(locatedSubmission())).toStrictEqual([
      expect.objectContaining({ check_name: "image-size", severity: "major", location: { path: `${ROOT}/Dockerfile`, lines: { begin: 8 } } }),
    ]);
  });

  it("puts a check without a line on line 1 of the main file, and leaves out one with no file", () => {
    expect(parse(unlocatedSubmission("Dockerfile"))[0]?.location).toStrictEqual({ path: `${ROOT}/Dockerfile`, lines: { begin: 1 } });
    expect(parse(unlocatedSubmission())).toStrictEqual([]);
  });

  it("makes each refused setting a critical issue at its line", () => {
    const issues = parse(refusedSubmission());
    expect(issues.map((issue) => [issue.check_name, issue.severity, issue.location.lines.begin])).toStrictEqual([
      ["policy/privileged", "critical", 7],
      ["policy/bind-outside", "critical", 12],
    ]);
    expect(issues[0]?.description).toContain("services.web.privileged: true");
  });

  it("has fingerprints unique in the report and stable from one run to the next", () => {
    const issues = parse(locatedSubmission(), refusedSubmission(), { ...hostileEntry(), root: ROOT, mainFile: "Dockerfile" });
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    const again = parse(locatedSubmission(), refusedSubmission(), { ...hostileEntry(), root: ROOT, mainFile: "Dockerfile" });
    expect(again.map((issue) => issue.fingerprint)).toStrictEqual(issues.map((issue) => issue.fingerprint));
  });

  it("is an empty array when nothing failed", () => {
    expect(renderGitlabCodeQuality([])).toBe("[]\n");
  });
});
