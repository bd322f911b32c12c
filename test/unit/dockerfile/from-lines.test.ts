import { describe, expect, it } from "vitest";
import { parseImageReference, readFromLines } from "../../../harness/dockerfile/from-lines.ts";

describe("FROM lines", () => {
  it("resolves build args, recognises stages and scratch, and numbers lines from 1", () => {
    const froms = readFromLines("ARG V=1.37\nFROM debian:12-slim AS build\nRUN true\nFROM busybox:${V}\nFROM build\nFROM scratch\nFROM alpine:$MISSING\n");
    expect(froms.map((from) => [from.line, from.resolved, from.internal])).toEqual([
      [2, "debian:12-slim", false],
      [4, "busybox:1.37", false],
      [5, "build", true],
      [6, "scratch", true],
      [7, undefined, false],
    ]);
  });

  it("splits references without mistaking a registry port for a tag", () => {
    expect(parseImageReference("localhost:5000/team/app")).toEqual({ name: "localhost:5000/team/app" });
    expect(parseImageReference("busybox:1.37")).toEqual({ name: "busybox", tag: "1.37" });
    expect(parseImageReference("debian@sha256:abc")).toEqual({ name: "debian", digest: "sha256:abc" });
  });
});
