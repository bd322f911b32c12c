import { describe, expect, it } from "vitest";
import { InvalidConfigError, parseStrictYaml } from "../../../harness/config/strict-yaml.ts";
import { exerciseFileSchema } from "../../../harness/exercise/exercise-schema.ts";

const valid = `schemaVersion: 1
title:
  fr: Titre
  en: Title
chapter: "05"
submission:
  required: [Dockerfile]
baseImages: [debian:12-slim]
`;

function problemsOf(source: string) {
  try {
    parseStrictYaml(source, "exercise.yaml", exerciseFileSchema);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("exercise.yaml parsing", () => {
  it("applies defaults to the build and compose sections, and leaves absent ones absent", () => {
    expect(parseStrictYaml(valid, "exercise.yaml", exerciseFileSchema).build).toBeUndefined();
    const parsed = parseStrictYaml(`${valid}build: {}\ncompose: {}\n`, "exercise.yaml", exerciseFileSchema);
    expect(parsed.build).toEqual({ dockerfile: "Dockerfile", context: ".", timeoutSeconds: 300, secrets: [] });
    expect(parsed.compose).toEqual({ files: ["compose.yaml"], profiles: [], buildTimeoutSeconds: 300, startupTimeoutSeconds: 60, buildSecrets: [] });
  });

  it("reports every problem at once, each with its line", () => {
    const source = valid.replace('chapter: "05"', 'chapter: "42"').replace("  required: [Dockerfile]", "  required: [../etc/passwd]\n  extra: true");
    const problems = problemsOf(source);
    expect(problems.map((problem) => problem.line).sort()).toEqual([5, 7, 8]);
    expect(problems.find((problem) => problem.line === 8)?.message).toContain('unknown key "extra"');
    expect(problems.find((problem) => problem.line === 5)?.message).toContain("chapter");
  });

  it("reports YAML syntax errors with their line", () => {
    const problems = problemsOf("schemaVersion: 1\ntitle: [unclosed\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.file).toBe("exercise.yaml");
  });

  it("rejects duplicate keys", () => {
    expect(problemsOf(`${valid}chapter: "06"\n`).length).toBeGreaterThan(0);
  });

  it("refuses a YAML alias bomb as a problem of the file, without expanding it", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 10; level++)
      levels.push(
        `a${level}: &a${level} [${Array(9)
          .fill(`*a${level - 1}`)
          .join(", ")}]`,
      );
    const problems = problemsOf(`${valid}${levels.join("\n")}\n`);
    expect(problems).toEqual([{ file: "exercise.yaml", line: 1, message: expect.stringContaining("too many YAML aliases") }]);
  });
});
