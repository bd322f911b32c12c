import { describe, expect, it } from "vitest";
import { isDefaultFrontend, syntaxDirectives } from "../../../harness/policy/dockerfile-syntax.ts";

const frontends = (text: string) => syntaxDirectives(text).map((directive) => [directive.line, directive.frontend]);

describe("syntaxDirectives", () => {
  it("reads `# syntax=` at the top, in any case, with spaces and tabs around `=`, and CRLF lines", () => {
    expect(frontends("# syntax=evil/frontend\nFROM busybox\n")).toEqual([[1, "evil/frontend"]]);
    expect(frontends("#SYNTAX = evil/frontend extra args\nFROM busybox\n")).toEqual([[1, "evil/frontend"]]);
    expect(frontends("#\tsyntax\t=\tevil/frontend\r\nFROM busybox\r\n")).toEqual([[1, "evil/frontend"]]);
  });

  it("reads the whole leading block of known directives, after a shebang and a byte-order mark", () => {
    expect(frontends("#!/usr/bin/env dockerfile\n# syntax=evil/a\nFROM busybox\n")).toEqual([[2, "evil/a"]]);
    expect(frontends("\uFEFF# escape=`\n# check=skip=all\n#syntax=evil/b\nFROM busybox\n")).toEqual([[3, "evil/b"]]);
    expect(frontends("# syntax=docker/dockerfile:1\n# syntax=evil/c\nFROM busybox\n")).toEqual([
      [1, "docker/dockerfile:1"],
      [2, "evil/c"],
    ]);
  });

  it("stops at the first line that is not a directive, as BuildKit does", () => {
    expect(frontends("# a comment\n# syntax=evil/frontend\nFROM busybox\n")).toEqual([]);
    expect(frontends("\n# syntax=evil/frontend\nFROM busybox\n")).toEqual([]);
    expect(frontends(" # syntax=evil/frontend\nFROM busybox\n")).toEqual([]);
    expect(frontends("FROM busybox\n# syntax=evil/frontend\n")).toEqual([]);
    expect(frontends("# syntax=\nFROM busybox\n")).toEqual([]);
  });

  it("also reads `//` directives and a JSON document's `syntax` key, which BuildKit falls back to", () => {
    expect(frontends("// syntax=evil/slashes\nFROM busybox\n")).toEqual([[1, "evil/slashes"]]);
    expect(frontends('{"syntax": "evil/json", "other": 1}')).toEqual([[1, "evil/json"]]);
    expect(frontends('{"no": "syntax"}')).toEqual([]);
  });
});

describe("isDefaultFrontend", () => {
  it.each([
    "docker/dockerfile",
    "docker/dockerfile:1",
    "docker/dockerfile:1.7",
    "docker/dockerfile:1.7.1",
    "docker/dockerfile:1-labs",
    "docker/dockerfile:1.7-labs",
    "docker/dockerfile:labs",
    "docker/dockerfile:latest",
    "docker.io/docker/dockerfile:1",
    "index.docker.io/docker/dockerfile:1",
    `docker/dockerfile@sha256:${"a".repeat(64)}`,
    `docker/dockerfile:1.7@sha256:${"0".repeat(64)}`,
  ])("accepts Docker's own frontend %s", (reference) => {
    expect(isDefaultFrontend(reference)).toBe(true);
  });

  it.each([
    "evil/frontend",
    "evil/dockerfile:1",
    "docker/dockerfile-upstream:master",
    "docker/dockerfile:master",
    "docker.io/library/docker/dockerfile:1",
    "registry.example.com/docker/dockerfile:1",
    "127.0.0.1:5000/docker/dockerfile:1",
    "docker/dockerfile:1 ",
    "Docker/Dockerfile:1",
    "docker/dockerfile@sha256:abc",
    "",
  ])("refuses %j", (reference) => {
    expect(isDefaultFrontend(reference)).toBe(false);
  });
});
