import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";

const EXERCISES = "exercises";

/** Every Dockerfile under the exercises' starter/ and solution/ folders, relative to the repository. */
function dockerfiles(kind: "starter" | "solution"): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (entry.isFile() && /^Dockerfile(\..+)?$|\.Dockerfile$/.test(entry.name) && path.split("/").includes(kind)) found.push(relative(".", path));
    }
  };
  walk(EXERCISES);
  return found.sort();
}

function lintFile(path: string) {
  return lintDockerfile(readFileSync(path, "utf8"), path);
}

describe("the exercises' Dockerfiles under the course's lint", () => {
  it("finds no error in any solution: the reference answers follow the course", () => {
    const solutions = dockerfiles("solution");
    expect(solutions.length).toBeGreaterThan(0);
    const errors = solutions.flatMap(lintFile).filter((finding) => finding.severity === "error");
    expect(errors.map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.message.en}`)).toStrictEqual([]);
  });

  it("finds the mistakes a starter is written with (the 05 starter's token in ENV, shell-form CMD, apt lists)", () => {
    const rules = lintFile(join(EXERCISES, "05-build/01-multi-stage/starter/Dockerfile")).map((finding) => finding.rule);
    expect(rules).toEqual(expect.arrayContaining(["DG3050", "DG3021", "DG3010", "DG3011", "DG3040"]));
  });

  it("prints what it finds in every starter and solution", () => {
    for (const kind of ["starter", "solution"] as const) {
      for (const path of dockerfiles(kind)) {
        const findings = lintFile(path);
        console.log(
          `${path}: ${findings.length === 0 ? "clean" : findings.map((finding) => `${finding.rule}(${finding.severity[0]})@${finding.line}`).join(" ")}`,
        );
      }
    }
    expect(dockerfiles("starter").length).toBeGreaterThan(0);
  });
});
