import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { finalPaths } from "../../../harness/layers/final-paths.ts";
import { readSavedImage } from "../../../harness/layers/read-saved-image.ts";
import { walkSavedImage, type LayerEntry } from "../../../harness/layers/walk-saved-image.ts";
import { tarBytes } from "../batch/archives.ts";
import { file, folder, opaque, savedImage, streamOf, symlink, whiteout, type CraftedLayer } from "./image-archive.ts";

async function finalOf(layers: readonly CraftedLayer[]): Promise<string[]> {
  const archive = await savedImage(layers, []);
  const image = await readSavedImage(streamOf(archive.bytes));
  return [...finalPaths(image.layers.map((layer) => layer.files))];
}

describe("one walk over a docker save archive", () => {
  it("hands every blob's bytes as stored, a gzipped layer's still gzipped, and every entry's content unzipped", async () => {
    const big = Buffer.alloc(5000, 7);
    const archive = await savedImage(
      [{ entries: [folder("app"), file("app/big", big)] }, { gzip: true, entries: [file("app/big", "small"), whiteout("app/old")] }],
      [{ created_by: "COPY . /app" }, { created_by: "RUN change" }],
    );
    const blobs = new Map<string, Buffer[]>();
    const entries: (Omit<LayerEntry, "layer"> & { content: string })[] = [];
    const layout = await walkSavedImage(streamOf(archive.bytes), {
      blob(name) {
        const chunks: Buffer[] = [];
        blobs.set(name, chunks);
        return (chunk) => chunks.push(chunk);
      },
      entry({ name, file: described }) {
        // Folders are skipped: their (empty) content is never read, and the walk goes on.
        if (described.kind === "directory") return undefined;
        const chunks: Buffer[] = [];
        return { push: (chunk) => chunks.push(chunk), end: () => entries.push({ name, file: described, content: Buffer.concat(chunks).toString("latin1") }) };
      },
    });
    expect(layout.id).toBe(archive.id);
    expect(layout.layers.map(({ digest }) => digest)).toEqual(archive.layerDigests);
    expect(layout.history.map(({ createdBy }) => createdBy)).toEqual(["COPY . /app", "RUN change"]);
    // Blobs are named by the digest of their bytes as stored: what the sink got is exactly those bytes.
    for (const { blob, digest } of layout.layers) expect(`sha256:${sha256(Buffer.concat(blobs.get(blob) ?? []))}`).toBe(digest);
    expect(JSON.parse(Buffer.concat(blobs.get(layout.config.blob) ?? []).toString("utf8"))).toEqual(layout.config.document);
    expect(entries).toEqual([
      { name: "app/big", file: { path: "app/big", kind: "file", size: 5000 }, content: big.toString("latin1") },
      { name: "app/big", file: { path: "app/big", kind: "file", size: 5 }, content: "small" },
      { name: "app/.wh.old", file: { path: "app/old", kind: "whiteout", size: 0 }, content: "" },
    ]);
  });
  it("passes over a blob that is no tar (a legacy save's VERSION), but fails on a layer cut short", async () => {
    const layer = await tarBytes([file("a", "x".repeat(3000)), file("b", "y".repeat(3000))]);
    const [id, config] = [sha256(layer), JSON.stringify({ history: [{ created_by: "ADD a b /" }] })];
    const legacy = (layerBytes: Buffer) =>
      tarBytes([
        file(`${id}/VERSION`, "1.0"),
        file(`${id}/layer.tar`, layerBytes),
        file(`${sha256(Buffer.from(config))}.json`, config),
        file("manifest.json", JSON.stringify([{ Config: `${sha256(Buffer.from(config))}.json`, Layers: [`${id}/layer.tar`] }])),
      ]);
    const seen: string[] = [];
    const layout = await walkSavedImage(streamOf(await legacy(layer)), { entry: ({ name }) => void seen.push(name) });
    expect(layout.layers).toEqual([{ blob: `${id}/layer.tar`, digest: `sha256:${id}` }]);
    expect(seen).toEqual(["a", "b"]);
    await expect(walkSavedImage(streamOf(await legacy(layer.subarray(0, 2000))), {})).rejects.toThrow(/end of data/);
  });
});

describe("final paths of an image", () => {
  it("honours whiteouts and opaque folders from upper layers", async () => {
    const paths = await finalOf([
      { entries: [file("usr/bin/gcc", "x"), file("var/lib/apt/lists/a", "x"), file("var/lib/apt/lists/b", "x"), file("etc/keep", "x")] },
      { entries: [whiteout("usr/bin/gcc"), opaque("var/lib/apt/lists"), file("var/lib/apt/lists/c", "x")] },
    ]);
    expect(paths.sort()).toEqual(["etc/keep", "var/lib/apt/lists/c"]);
  });

  it("removes a whole folder whited out", async () => {
    expect(await finalOf([{ entries: [file("root/.npm/x", "x"), file("root/.npm/y/z", "x")] }, { entries: [whiteout("root/.npm")] }])).toEqual([]);
  });

  it("keeps folders and links, in the order paths first appeared: a changed file keeps its place, a deleted one added again goes last", async () => {
    const paths = await finalOf([
      { entries: [folder("bin"), file("bin/sh", "x"), symlink("bin/ls", "sh"), file("etc/conf", "x")] },
      { entries: [file("etc/conf", "changed"), whiteout("bin/sh")] },
      { entries: [file("bin/sh", "again")] },
    ]);
    expect(paths).toEqual(["bin", "bin/ls", "etc/conf", "bin/sh"]);
  });
});

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
