import { describe, expect, it } from "vitest";
import { classroomPoints, classroomPointsNotice } from "../../../../harness/report/github/classroom-points.ts";
import { refusedResult } from "../class-fixtures.ts";
import { checkResult, gradeResult, sampleResult } from "../fixtures.ts";

// What GitHub Classroom's reporter writes and Classroom reads back: "Points <earned>/<max>".
const POINTS = /^Points (\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;
// A workflow command: ::notice title=...::message, on one line.
const NOTICE = /^::notice title=([^:,\n]*)::([^\n]*)\n$/;

describe("classroomPoints", () => {
  it.each([
    ["a graded result", sampleResult("fr"), "5", "12"],
    ["a refused submission", refusedResult(), "0", "12"],
    [
      "partial credit, whatever the language",
      gradeResult({ lang: "fr", checks: [checkResult({ points: 3, earned: 1.5 }), checkResult({ points: 0.1 + 0.2, earned: 0.1 + 0.2 })] }),
      "1.8",
      "3.3",
    ],
  ])("gives Points earned/max for %s", (_, result, earned, max) => {
    const match = POINTS.exec(classroomPoints(result));
    expect(match?.slice(1)).toStrictEqual([earned, max]);
  });

  it("can be printed as the notice annotation the reporter creates", () => {
    const match = NOTICE.exec(classroomPointsNotice(sampleResult("en")));
    expect(match?.slice(1)).toStrictEqual(["Autograding complete", "Points 5/12"]);
  });
});
