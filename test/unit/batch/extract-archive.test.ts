import { existsSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveRefusedError, type ArchiveRefusal } from "../../../harness/batch/archive-refusal.ts";
import { extractArchive } from "../../../harness/batch/extract-archive.ts";
import type { ArchiveCaps } from "../../../harness/batch/extraction-target.ts";
import { removeScratchDirs, renameInZip, tarBytes, tgzBytes, workspace, zipBytes, type TarEntry } from "./archives.ts";

afterAll(removeScratchDirs);

const DOCKERFILE = 'FROM busybox:1.37\nCMD ["echo", "bonjour"]\n';

async function refused(fileName: string, bytes: Buffer, reason: ArchiveRefusal, caps?: ArchiveCaps): Promise<{ error: ArchiveRefusedError; root: string }> {
  const { root, archive, dest } = workspace(fileName, bytes);
  const error = await extractArchive(archive, dest, caps).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ArchiveRefusedError);
  const refusal = error as ArchiveRefusedError;
  expect(refusal.reason).toBe(reason);
  expect(refusal.text.fr).toContain(`Archive ${fileName} refusée`);
  expect(refusal.text.en).toContain(`Archive ${fileName} refused`);
  // The partial extraction is gone, and nothing landed beside it.
  expect(existsSync(dest)).toBe(false);
  return { error: refusal, root };
}

function uniqueMarker(): string {
  return join(tmpdir(), `dockgrade-marker-${process.pid}-${Math.random().toString(36).slice(2)}`);
}

describe("archive extraction: formats", () => {
  const entries: TarEntry[] = [
    { name: "rendu/", type: "directory", mode: 0o755 },
    { name: "rendu/Dockerfile", content: DOCKERFILE, mode: 0o644 },
    { name: "rendu/entrypoint.sh", content: "#!/bin/sh\necho ok\n", mode: 0o4755 },
    { name: "./rendu//app/main.c", content: "int main(void){return 0;}\n", mode: 0o600 },
  ];

  for (const [fileName, build] of [
    ["rendu.tar", () => tarBytes(entries)],
    ["rendu.tar.gz", () => tgzBytes(entries)],
  ] as const) {
    it(`extracts a ${fileName}, keeping only the execute bit of each mode`, async () => {
      const { archive, dest } = workspace(fileName, await build());
      const extracted = await extractArchive(archive, dest);
      expect(extracted.format).toBe(fileName.endsWith(".gz") ? "tar.gz" : "tar");
      expect(readFileSync(join(dest, "rendu/Dockerfile"), "utf8")).toBe(DOCKERFILE);
      expect(statSync(join(dest, "rendu/entrypoint.sh")).mode & 0o7777).toBe(0o755);
      expect(statSync(join(dest, "rendu/app/main.c")).mode & 0o7777).toBe(0o644);
    });
  }

  it("extracts a zip, found by its magic bytes even when named .tar.gz", async () => {
    const bytes = await zipBytes([
      { name: "rendu/", directory: true },
      { name: "rendu/Dockerfile", content: DOCKERFILE },
      { name: "rendu/run.sh", content: "#!/bin/sh\n", mode: 0o104755 },
    ]);
    const { archive, dest } = workspace("rendu.tar.gz", bytes);
    expect((await extractArchive(archive, dest)).format).toBe("zip");
    expect(readFileSync(join(dest, "rendu/Dockerfile"), "utf8")).toBe(DOCKERFILE);
    expect(statSync(join(dest, "rendu/run.sh")).mode & 0o7777).toBe(0o755);
  });

  it("refuses a file that is no archive, and a truncated one", async () => {
    await refused("rendu.zip", Buffer.from("FROM busybox\n"), "unknown-format");
    const tgz = await tgzBytes([{ name: "Dockerfile", content: DOCKERFILE.repeat(200) }]);
    await refused("cut.tgz", tgz.subarray(0, tgz.length - 40), "unreadable");
  });
});

describe("archive extraction: hostile entries", () => {
  it("refuses a `..` climb and writes nothing beside the folder", async () => {
    const { error, root } = await refused("evil.tar", await tarBytes([{ name: "ok.txt" }, { name: "a/../../evil", content: "pwned" }]), "parent-path");
    expect(error.entry).toBe("a/../../evil");
    expect(existsSync(join(root, "evil"))).toBe(false);
  });

  it("refuses an absolute path", async () => {
    const marker = uniqueMarker();
    const { error } = await refused("abs.tar", await tarBytes([{ name: marker, content: "pwned" }]), "absolute-path");
    expect(error.entry).toBe(marker);
    expect(error.text.en).toContain(`entry "${marker}"`);
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a symlink to / before the entry that would write through it", async () => {
    const marker = uniqueMarker();
    const bytes = await tgzBytes([
      { name: "root", type: "symlink", linkname: "/" },
      { name: `root${marker}`, content: "pwned" },
    ]);
    const { error } = await refused("link.tar.gz", bytes, "link");
    expect(error.entry).toBe("root");
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a hard link and a device", async () => {
    await refused("hard.tar", await tarBytes([{ name: "passwd", type: "link", linkname: "/etc/passwd" }]), "link");
    await refused("dev.tar", await tarBytes([{ name: "null", type: "character-device", devmajor: 1, devminor: 3 }]), "special-file");
    await refused("fifo.tar", await tarBytes([{ name: "pipe", type: "fifo" }]), "special-file");
  });

  it("refuses a symlink stored in a zip", async () => {
    await refused("link.zip", await zipBytes([{ name: "etc", content: "/etc", mode: 0o120777 }]), "link");
  });

  it("refuses a zip whose name climbs with backslashes", async () => {
    const climb = renameInZip(await zipBytes([{ name: "ab_evil", content: "x" }]), "ab_evil", "..\\evil");
    const { error, root } = await refused("win.zip", climb, "windows-path");
    expect(error.entry).toBe("..\\evil");
    expect(existsSync(join(root, "evil"))).toBe(false);
    await refused("drive.zip", renameInZip(await zipBytes([{ name: "cx/evil", content: "x" }]), "cx/evil", "C:/evil"), "windows-path");
  });

  it("refuses a duplicate that would overwrite an earlier file", async () => {
    const { error } = await refused(
      "dup.tar",
      await tarBytes([
        { name: "Dockerfile", content: "A" },
        { name: "./Dockerfile", content: "B" },
      ]),
      "duplicate",
    );
    expect(error.entry).toBe("./Dockerfile");
    await refused(
      "dir-over-file.tar",
      await tarBytes([
        { name: "app", content: "A" },
        { name: "app/main.c", content: "B" },
      ]),
      "duplicate",
    );
  });
});

describe("archive extraction: caps", () => {
  it("stops a zip bomb by its compression ratio, counting bytes written", async () => {
    const started = Date.now();
    const bomb = await zipBytes([{ name: "zeros.bin", content: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const { error } = await refused("bomb.zip", bomb, "compression-ratio");
    expect(error.entry).toBe("zeros.bin");
    expect(error.text.fr).toContain("200 fois");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("stops a gzip bomb the same way", async () => {
    await refused("bomb.tgz", await tgzBytes([{ name: "zeros.bin", content: Buffer.alloc(32 * 1024 * 1024) }]), "compression-ratio");
  });

  it("refuses more than 20 000 entries, in a zip and in a tar", async () => {
    const many = Array.from({ length: 20_001 }, (_, index) => ({ name: `f/${index}` }));
    const { error } = await refused("many.zip", await zipBytes(many), "too-many-entries");
    expect(error.text.en).toContain("more than 20000 entries");
    await refused("many.tar", await tarBytes(many), "too-many-entries");
  });

  it("counts the bytes actually written against the byte cap", async () => {
    const caps = { entries: 100, bytes: 1000, ratio: 200 };
    const { error } = await refused(
      "big.tar",
      await tarBytes([
        { name: "a", content: "x".repeat(600) },
        { name: "b", content: "y".repeat(600) },
      ]),
      "too-many-bytes",
      caps,
    );
    expect(error.entry).toBe("b");
    expect(error.text.fr).toMatch(/plus de 1\s000 o/);
  });
});
