import { describe, expect, it } from "vitest";
import { lastInstruction, readFinalStage } from "../../../harness/dockerfile/instruction-lines.ts";

const MULTI_STAGE = [
  "# syntax comment, not a directive here", // 1
  "ARG VERSION=1.36", // 2
  "FROM debian:12-slim AS build", // 3
  "USER root", // 4
  "RUN gcc -o /app app.c", // 5
  "", // 6
  "FROM busybox:${VERSION}", // 7
  "LABEL org.opencontainers.image.title=app \\", // 8
  "      org.opencontainers.image.version=1.0.0", // 9
  "user 10001:10001", // 10
  "USER root", // 11
  "HEALTHCHECK --interval=5s \\", // 12
  '  CMD ["wget", "-q", "http://127.0.0.1:8080/"]', // 13
  'CMD ["8080"]', // 14
].join("\n");

describe("the final stage's instruction lines", () => {
  it("keeps the final stage only, numbers lines from 1 and upper-cases keywords", () => {
    const stage = readFinalStage(MULTI_STAGE);
    expect(stage?.from).toEqual({ keyword: "FROM", line: 7, args: "busybox:${VERSION}" });
    expect(stage?.instructions.map(({ keyword, line }) => [keyword, line])).toEqual([
      ["LABEL", 8],
      ["USER", 10],
      ["USER", 11],
      ["HEALTHCHECK", 12],
      ["CMD", 14],
    ]);
  });

  it("finds the instruction in force: the last one, on the line its keyword starts", () => {
    const stage = readFinalStage(MULTI_STAGE)!;
    expect(lastInstruction(stage, "USER")?.line).toBe(11);
    expect(lastInstruction(stage, "USER", (user) => user.args.startsWith("1000"))?.line).toBe(10);
    expect(lastInstruction(stage, "HEALTHCHECK")?.line).toBe(12);
    expect(lastInstruction(stage, "EXPOSE")).toBeUndefined();
  });

  it("joins continuation lines into the arguments", () => {
    const label = lastInstruction(readFinalStage(MULTI_STAGE)!, "LABEL");
    expect(label?.args).toContain("org.opencontainers.image.version=1.0.0");
    expect(label?.args).toContain("org.opencontainers.image.title=app");
  });

  it("inherits the instructions of the stage the final one builds FROM, in build order", () => {
    const stage = readFinalStage("FROM busybox:1.37 AS base\nUSER 10001\nFROM debian:12-slim AS other\nUSER root\nFROM BASE\nEXPOSE 8080\n");
    expect(stage?.from.line).toBe(5);
    expect(stage?.instructions.map(({ keyword, line }) => [keyword, line])).toEqual([
      ["USER", 2],
      ["EXPOSE", 6],
    ]);
  });

  it("reads stage names past a --platform flag", () => {
    const stage = readFinalStage("FROM --platform=$BUILDPLATFORM busybox:1.37 AS base\nUSER 1\nFROM base\nCMD x\n");
    expect(stage?.instructions.map(({ keyword }) => keyword)).toEqual(["USER", "CMD"]);
  });

  it("has no final stage without a FROM", () => {
    expect(readFinalStage("# only a comment\n")).toBeUndefined();
    expect(readFinalStage("ARG A=1\nRUN true\n")).toBeUndefined();
  });
});
