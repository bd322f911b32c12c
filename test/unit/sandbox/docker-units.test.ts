import { describe, expect, it } from "vitest";
import { parseBytes, parseDurationSeconds, parseNumber } from "../../../harness/sandbox/docker-units.ts";

describe("Docker units", () => {
  it("reads sizes as go-units does (binary)", () => {
    expect(parseBytes("67108864")).toBe(67108864);
    expect(parseBytes(1024)).toBe(1024);
    expect(parseBytes("64m")).toBe(64 * 1024 ** 2);
    expect(parseBytes("64MiB")).toBe(64 * 1024 ** 2);
    expect(parseBytes("10 MB")).toBe(10 * 1024 ** 2);
    expect(parseBytes("1.5g")).toBe(1.5 * 1024 ** 3);
    expect(parseBytes("10240k")).toBe(10 * 1024 ** 2);
    expect(parseBytes("lots")).toBeUndefined();
    expect(parseBytes("-1")).toBeUndefined();
    expect(parseBytes(undefined)).toBeUndefined();
  });

  it("reads Go durations", () => {
    expect(parseDurationSeconds("3s")).toBe(3);
    expect(parseDurationSeconds("1m30s")).toBe(90);
    expect(parseDurationSeconds("500ms")).toBe(0.5);
    expect(parseDurationSeconds("10")).toBeUndefined();
    expect(parseDurationSeconds(undefined)).toBeUndefined();
  });

  it("reads numbers Compose kept as strings", () => {
    expect(parseNumber("0.5")).toBe(0.5);
    expect(parseNumber(2)).toBe(2);
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("x")).toBeUndefined();
  });
});
