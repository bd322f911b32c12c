import { describe, expect, it } from "vitest";
import {
  compareContent,
  compareOwnership,
  describeContentDifferences,
  describeManifest,
  parseManifest,
  sameContent,
} from "../../../harness/checks/storage/volume-manifest.ts";

const line = (type: string, digest: string, stat: string, path: string) => `${type}\t${digest}\t${stat}\t${path}`;
const SOURCE = [
  line("d", "-", "4096 750 10001 10001", "."),
  line("d", "-", "4096 755 10001 10001", "./keys"),
  line("f", "a".repeat(64), "12 644 10001 10001", "./keys/one"),
  line("f", "b".repeat(64), "25 644 10001 10001", "./keys/café crème"),
  line("l", "one", "3 777 10001 10001", "./keys/alias"),
].join("\n");

describe("volume manifests", () => {
  it("parses the probe's lines, paths with spaces and accents included", () => {
    const manifest = parseManifest(`${SOURCE}\ngarbage line\n`);
    expect(manifest.size).toBe(5);
    expect(manifest.get("./keys/café crème")).toEqual({
      path: "./keys/café crème",
      type: "f",
      digest: "b".repeat(64),
      size: 25,
      mode: "644",
      uid: 10001,
      gid: 10001,
    });
  });

  it("finds an identical restore identical, whatever the directory sizes", () => {
    const restored = parseManifest(SOURCE.replace("4096 755", "8192 755"));
    const differences = compareContent(parseManifest(SOURCE), restored);
    expect(sameContent(differences)).toBe(true);
    expect(differences).toMatchObject({ identicalFiles: 2, sourceFiles: 2 });
    expect(compareOwnership(parseManifest(SOURCE), restored)).toEqual([]);
  });

  it("reports files restored under another path as missing and unexpected", () => {
    const nested = parseManifest(
      [
        line("d", "-", "4096 755 0 0", "."),
        line("d", "-", "4096 750 10001 10001", "./data"),
        line("f", "a".repeat(64), "12 644 10001 10001", "./data/keys/one"),
      ].join("\n"),
    );
    const differences = compareContent(parseManifest(SOURCE), nested);
    expect(sameContent(differences)).toBe(false);
    expect(differences.missing).toEqual(["./keys", "./keys/one", "./keys/café crème", "./keys/alias"]);
    expect(differences.unexpected).toEqual(["./data", "./data/keys/one"]);
    expect(describeContentDifferences(differences, 2)).toContain("… +2");
  });

  it("reports changed bytes and changed owners apart", () => {
    const changed = parseManifest(SOURCE.replace("a".repeat(64), "c".repeat(64)).replace("12 644 10001 10001", "12 644 0 0"));
    expect(compareContent(parseManifest(SOURCE), changed).changed).toEqual(["./keys/one"]);
    expect(compareOwnership(parseManifest(SOURCE), changed)).toEqual(["./keys/one: 644 10001:10001 -> 644 0:0"]);
  });

  it("summarises files and bytes", () => {
    expect(describeManifest(parseManifest(SOURCE)).split("\n")[0]).toBe("2 files, 37 bytes");
  });
});
