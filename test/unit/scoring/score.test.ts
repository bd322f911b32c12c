import { describe, expect, it } from "vitest";
import { earnedPoints, totalScore } from "../../../harness/scoring/score.ts";

describe("scoring", () => {
  it("gives full points to a pass and none to an error or a skip", () => {
    expect(earnedPoints({ points: 3, status: "passed", credit: 1 })).toBe(3);
    expect(earnedPoints({ points: 3, status: "error", credit: 1 })).toBe(0);
    expect(earnedPoints({ points: 3, status: "skipped", credit: 1 })).toBe(0);
  });

  it("gives partial credit to a failure, clamped to 0..1 and rounded to hundredths", () => {
    expect(earnedPoints({ points: 2, status: "failed", credit: 0.5 })).toBe(1);
    expect(earnedPoints({ points: 2, status: "failed", credit: 1 / 3 })).toBe(0.67);
    expect(earnedPoints({ points: 2, status: "failed", credit: 7 })).toBe(2);
    expect(earnedPoints({ points: 2, status: "failed", credit: -1 })).toBe(0);
  });

  it("sums scores and maximum over every check", () => {
    const total = totalScore([
      { points: 2, status: "passed", credit: 1 },
      { points: 2, status: "failed", credit: 0.4 },
      { points: 1, status: "skipped", credit: 0 },
    ]);
    expect(total).toEqual({ score: 2.8, maxScore: 5 });
  });
});
