import { describe, expect, it } from "vitest";
import { decodeDockerfile } from "../../../harness/policy/dockerfile-encoding.ts";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))));

describe("decodeDockerfile", () => {
  it("reads UTF-8, accents included, and drops a byte-order mark", () => {
    expect(decodeDockerfile(bytes("# Étape « build »\nFROM busybox\n"))).toEqual({ ok: true, text: "# Étape « build »\nFROM busybox\n" });
    expect(decodeDockerfile(bytes([0xef, 0xbb, 0xbf], "FROM busybox\n"))).toEqual({ ok: true, text: "FROM busybox\n" });
  });

  it("names the first line holding a byte that is not UTF-8 (Latin-1 accents), with an excerpt", () => {
    const latin1 = Buffer.from("FROM busybox\n# ok\n# Étape de compilation\nRUN true\n# é\n", "latin1");
    expect(decodeDockerfile(latin1)).toEqual({ ok: false, problem: { kind: "not-utf8", line: 3, excerpt: "# Étape de compilation" } });
  });

  it("finds a bad byte on the last line, without a final newline", () => {
    expect(decodeDockerfile(bytes("FROM busybox\nRUN echo ", [0xe9]))).toMatchObject({ ok: false, problem: { kind: "not-utf8", line: 2 } });
  });

  it("calls a file with NUL bytes binary, on the line of the first one", () => {
    const png = bytes([0x89], "PNG\r\n", [0x1a], "\n", [0x00, 0x00, 0x00, 0x0d], "IHDR");
    expect(decodeDockerfile(png)).toEqual({ ok: false, problem: { kind: "binary", line: 3 } });
  });

  it("recognises UTF-16 by its byte-order mark, in either byte order", () => {
    expect(decodeDockerfile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("FROM busybox\n", "utf16le")]))).toEqual({
      ok: false,
      problem: { kind: "utf16", line: 1 },
    });
    expect(decodeDockerfile(bytes([0xfe, 0xff, 0x00, 0x46]))).toEqual({ ok: false, problem: { kind: "utf16", line: 1 } });
  });
});
