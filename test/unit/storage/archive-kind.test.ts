import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { archiveKind } from "../../../harness/checks/storage/archive-kind.ts";

/** A one-file ustar archive: a 512-byte header with "ustar" at offset 257, then the data block. */
function tarOf(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("ustar\u000000", 257, "latin1");
  return Buffer.concat([header, Buffer.from(content.padEnd(512, "\u0000")), Buffer.alloc(1024)]);
}

describe("archive kinds", () => {
  it("tells tar, tar inside gzip, and a lone gzip apart", () => {
    const tar = tarOf("keys/one", "hello");
    expect(archiveKind(tar)).toBe("tar");
    expect(archiveKind(gzipSync(tar))).toBe("tar+gzip");
    expect(archiveKind(gzipSync(Buffer.from("just a compressed text file")))).toBe("gzip");
  });

  it("sees a tar in a truncated gzip head", () => {
    const big = tarOf("keys/big", "x".repeat(400_000));
    expect(archiveKind(gzipSync(big).subarray(0, 2048))).toBe("tar+gzip");
  });

  it("knows the other compressors and refuses plain files", () => {
    expect(archiveKind(Buffer.from("BZh91AY&SY"))).toBe("bzip2");
    expect(archiveKind(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00]))).toBe("xz");
    expect(archiveKind(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]))).toBe("zstd");
    expect(archiveKind(Buffer.from("12 bytes txt"))).toBeUndefined();
    expect(archiveKind(Buffer.alloc(0))).toBeUndefined();
  });
});
