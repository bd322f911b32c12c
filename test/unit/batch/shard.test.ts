import { describe, expect, it } from "vitest";
import { parseShard, shardPart, ShardSyntaxError } from "../../../harness/batch/shard.ts";

describe("shards", () => {
  it("parses i/n and refuses what is not a part of a whole", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"]) expect(() => parseShard(bad), bad).toThrow(ShardSyntaxError);
  });

  it("deals the class round-robin: every student in exactly one part, parts within one of each other", () => {
    const students = Array.from({ length: 14 }, (_, index) => `student-${String(index).padStart(2, "0")}`);
    const parts = [1, 2, 3].map((index) => shardPart(students, { index, count: 3 }));
    expect(parts.map((part) => part.length)).toEqual([5, 5, 4]);
    expect(parts.flat().sort()).toEqual(students);
    expect(shardPart(students, { index: 1, count: 1 })).toEqual(students);
  });
});
