import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { afterAll, describe, expect, it } from "vitest";
import { archiveStructure } from "../../../../harness/checks/archive/archive-structure.ts";
import { ImageArchiveError, readImageArchive } from "../../../../harness/checks/archive/read-image-archive.ts";

/** A `docker save` of one image as Docker 26 writes it: blobs, manifest.json, index.json, repositories. */
const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const layer = Buffer.from("pretend this is a layer tar".repeat(100));
const config = JSON.stringify({ architecture: "amd64", rootfs: { type: "layers", diff_ids: [`sha256:${sha(layer)}`] } });
const ociManifest = JSON.stringify({ schemaVersion: 2, config: { digest: `sha256:${sha(config)}` }, layers: [{ digest: `sha256:${sha(layer)}` }] });
const TAGS = ["dockgrade-run-r1/hello-release:1.4.0", "dockgrade-run-r1/hello-release:1.4"];

function savedFiles(): Record<string, string | Buffer> {
  return {
    [`blobs/sha256/${sha(layer)}`]: layer,
    [`blobs/sha256/${sha(config)}`]: config,
    [`blobs/sha256/${sha(ociManifest)}`]: ociManifest,
    "manifest.json": JSON.stringify([{ Config: `blobs/sha256/${sha(config)}`, RepoTags: TAGS, Layers: [`blobs/sha256/${sha(layer)}`] }]),
    "index.json": JSON.stringify({
      schemaVersion: 2,
      manifests: [{ digest: `sha256:${sha(ociManifest)}`, annotations: { "io.containerd.image.name": `docker.io/${TAGS[0]}` } }],
    }),
    repositories: JSON.stringify({ "dockgrade-run-r1/hello-release": { "1.4.0": sha(layer), "1.4": sha(layer) } }),
    "oci-layout": '{"imageLayoutVersion": "1.0.0"}',
  };
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function archiveOf(files: Record<string, string | Buffer>, gzip = false): Promise<string> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content);
  tar.finalize();
  const bytes = await buffer(tar as unknown as NodeJS.ReadableStream);
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-archive-test-"));
  dirs.push(dir);
  const path = join(dir, "image.tar");
  await writeFile(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}

async function structureOf(files: Record<string, string | Buffer>, gzip = false) {
  return archiveStructure(await readImageArchive(await archiveOf(files, gzip)));
}

const messages = (problems: readonly { en: string }[]) => problems.map((problem) => problem.en).join(" ");

describe("archiveStructure", () => {
  it("accepts a docker save: the image id is the config's sha256, the tags and every name found", async () => {
    const structure = await structureOf(savedFiles());
    expect(structure.problems).toEqual([]);
    expect(structure.imageId).toBe(`sha256:${sha(config)}`);
    expect(structure.repoTags).toEqual(TAGS);
    expect(structure.names).toEqual([`docker.io/${TAGS[0]}`, ...TAGS].sort());
    expect(structure.layerCount).toBe(1);
  });

  it("reads the same archive gzipped (docker save | gzip)", async () => {
    expect((await structureOf(savedFiles(), true)).problems).toEqual([]);
  });

  it("names a missing manifest.json", async () => {
    const { "manifest.json": _gone, ...files } = savedFiles();
    expect(messages((await structureOf(files)).problems)).toContain("No manifest.json");
  });

  it("names a missing layer and an altered one", async () => {
    const { [`blobs/sha256/${sha(layer)}`]: _gone, ...files } = savedFiles();
    expect(messages((await structureOf(files)).problems)).toContain("Layer 1 missing");
    const altered = { ...savedFiles(), [`blobs/sha256/${sha(layer)}`]: Buffer.from("another layer") };
    expect(messages((await structureOf(altered)).problems)).toContain("Layer 1 (blobs/sha256/");
  });

  it("names a missing config", async () => {
    const { [`blobs/sha256/${sha(config)}`]: _gone, ...files } = savedFiles();
    const structure = await structureOf(files);
    expect(messages(structure.problems)).toContain("The config manifest.json names");
    expect(structure.imageId).toBeUndefined();
  });

  it("names an index.json whose manifest is missing", async () => {
    const { [`blobs/sha256/${sha(ociManifest)}`]: _gone, ...files } = savedFiles();
    expect(messages((await structureOf(files)).problems)).toContain("index.json lists sha256:");
  });

  it("has no tags for an image saved by its id", async () => {
    const files = {
      ...savedFiles(),
      "manifest.json": JSON.stringify([{ Config: `blobs/sha256/${sha(config)}`, RepoTags: null, Layers: [`blobs/sha256/${sha(layer)}`] }]),
    };
    const structure = await structureOf(files);
    expect(structure.problems).toEqual([]);
    expect(structure.repoTags).toEqual([]);
  });

  it("refuses a file that is not a tar", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-archive-test-"));
    dirs.push(dir);
    await writeFile(join(dir, "image.tar"), "not a tar at all".repeat(64));
    await expect(readImageArchive(join(dir, "image.tar"))).rejects.toBeInstanceOf(ImageArchiveError);
  });
});
