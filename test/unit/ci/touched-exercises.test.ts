import { describe, expect, it } from "vitest";
import { meetsThreshold } from "../../../harness/ci/threshold.ts";
import { reportFolderName, touchedExercises } from "../../../harness/ci/touched-exercises.ts";
import { refusedResult } from "../report/class-fixtures.ts";
import { checkResult, gradeResult } from "../report/fixtures.ts";

const KNOWN = ["02-containers/01-graceful-stop", "05-build/01-multi-stage", "06-compose/01-web-api-db"];

describe("touchedExercises", () => {
  it("maps files changed in a starter to their exercise, once, sorted, with the files it changed", () => {
    const changed = [
      "exercises/05-build/01-multi-stage/starter/src/server.c",
      "exercises/02-containers/01-graceful-stop/starter/compose.yaml",
      "exercises/05-build/01-multi-stage/starter/Dockerfile",
    ];
    expect(touchedExercises(changed, KNOWN)).toStrictEqual([
      {
        id: "02-containers/01-graceful-stop",
        root: "exercises/02-containers/01-graceful-stop/starter",
        changed: ["exercises/02-containers/01-graceful-stop/starter/compose.yaml"],
      },
      {
        id: "05-build/01-multi-stage",
        root: "exercises/05-build/01-multi-stage/starter",
        changed: ["exercises/05-build/01-multi-stage/starter/Dockerfile", "exercises/05-build/01-multi-stage/starter/src/server.c"],
      },
    ]);
  });

  it("ignores what is not the student's: solution, statement, graders, the harness, files outside exercises", () => {
    const changed = [
      "exercises/05-build/01-multi-stage/solution/Dockerfile",
      "exercises/05-build/01-multi-stage/README.md",
      "exercises/05-build/01-multi-stage/exercise.yaml",
      "graders/05-build/01-multi-stage/grader.ts",
      "harness/cli/bin.ts",
      "README.md",
      "notes/exercises/05-build/01-multi-stage/starter/Dockerfile",
    ];
    expect(touchedExercises(changed, KNOWN)).toStrictEqual([]);
  });

  it("ignores a folder shaped like an exercise that the catalog does not know, and a starter that is a file", () => {
    expect(touchedExercises(["exercises/99-nope/01-x/starter/Dockerfile", "exercises/05-build/01-multi-stage/starter"], KNOWN)).toStrictEqual([]);
  });

  it("counts a deleted or renamed file as a change, as git diff --no-renames lists both paths", () => {
    const touched = touchedExercises(["exercises/06-compose/01-web-api-db/starter/old.yaml", "elsewhere/new.yaml"], KNOWN);
    expect(touched.map((exercise) => exercise.id)).toStrictEqual(["06-compose/01-web-api-db"]);
  });

  it("names each exercise's report folder with dashes", () => {
    expect(reportFolderName("05-build/01-multi-stage")).toBe("05-build-01-multi-stage");
  });
});

describe("meetsThreshold", () => {
  const scored = (earned: number) => gradeResult({ checks: [checkResult({ points: 3, earned, status: earned === 3 ? "passed" : "failed" })] });

  it("needs every point at 100, the share asked for below, and nothing at 0", () => {
    expect(meetsThreshold(scored(3), 100)).toBe(true);
    expect(meetsThreshold(scored(2), 100)).toBe(false);
    expect(meetsThreshold(scored(2), 66)).toBe(true);
    expect(meetsThreshold(scored(2), 67)).toBe(false);
    expect(meetsThreshold(scored(0), 0)).toBe(true);
  });

  it("is not fooled by float noise in partial credit", () => {
    const result = gradeResult({ score: 0.1 + 0.2, maxScore: 0.3 });
    expect(meetsThreshold(result, 100)).toBe(true);
  });

  it("never passes a submission that could not be graded", () => {
    expect(meetsThreshold(refusedResult(), 0)).toBe(false);
  });
});
