import { describe, expect, it } from "vitest";
import { readFinalStage } from "../../../harness/dockerfile/instruction-lines.ts";
import { summarize } from "../../../harness/layers/analyze-image.ts";
import { locateLayers, toImageAnalysis } from "../../../harness/layers/image-analysis.ts";
import { readSavedImage } from "../../../harness/layers/read-saved-image.ts";
import { SavedImageFormatError } from "../../../harness/layers/saved-layout.ts";
import { scanLayerFile } from "../../../harness/layers/layer-secrets.ts";
import { tarBytes } from "../batch/archives.ts";
import { file, folder, opaque, savedImage, streamOf, symlink, whiteout } from "./image-archive.ts";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";
const ENV = "DB_PASSWORD=hunter2-but-longer\n";
const GIT_HEAD = "ref: refs/heads/main\n";
const K = Buffer.byteLength(KEY);
const E = Buffer.byteLength(ENV);
const G = Buffer.byteLength(GIT_HEAD);

const DOCKERFILE = [
  "FROM busybox:1.37 AS runtime", // 1
  "ARG V=1", // 2
  "ENV A=b", // 3
  "COPY . /app", // 4
  "COPY big /app/big", // 5
  "RUN rm -rf /root/id_rsa /d \\", // 6
  "  && mkdir -p /o && echo y > /o/y", // 7
  'CMD ["sh"]', // 8
].join("\n");

/**
 * Layer 0 is the base image; 1 copies the app with a key and an .env; 2 copies the same big file
 * again, changes a config file and adds a .git; 3 deletes the key (file whiteout), the folder /d
 * (folder whiteout) and empties /o (opaque folder) before writing /o/y.
 */
async function crafted(gzipTop = false) {
  return savedImage(
    [
      {
        entries: [
          folder("bin"),
          file("bin/sh", Buffer.alloc(1000, 1)),
          symlink("bin/ls", "sh"),
          folder("etc"),
          file("etc/passwd", Buffer.alloc(100, 2)),
          file("etc/conf", Buffer.alloc(50, 3)),
          folder("d"),
          file("d/a", Buffer.alloc(200, 4)),
          file("d/b", Buffer.alloc(300, 5)),
          folder("o"),
          file("o/x", Buffer.alloc(400, 6)),
        ],
      },
      { entries: [folder("app"), file("app/big", Buffer.alloc(5000, 7)), file("app/.env", ENV), folder("root"), file("root/id_rsa", KEY)] },
      { entries: [file("app/big", Buffer.alloc(5000, 7)), file("etc/conf", Buffer.alloc(80, 8)), folder("app/.git"), file("app/.git/HEAD", GIT_HEAD)] },
      { gzip: gzipTop, entries: [whiteout("root/id_rsa"), whiteout("d"), folder("o"), opaque("o"), file("o/y", "y123456789")] },
    ],
    [
      { comment: "Imported from -" },
      { created_by: "ENV A=b", empty_layer: true },
      { created_by: "COPY . /app # buildkit" },
      { created_by: "COPY big /app/big # buildkit" },
      { created_by: "RUN |1 V=1 /bin/sh -c rm -rf /root/id_rsa /d   && mkdir -p /o && echo y > /o/y # buildkit" },
      { created_by: 'CMD ["sh"]', empty_layer: true },
    ],
  );
}

async function analysed(gzipTop = false) {
  const archive = await crafted(gzipTop);
  return { archive, layers: summarize(await readSavedImage(streamOf(archive.bytes), { scan: scanLayerFile })) };
}

describe("layer analysis of a crafted docker save archive", () => {
  it("counts files added, changed and removed per layer, whiteouts and opaque folders included", async () => {
    const { layers, archive } = await analysed();
    expect(layers.id).toBe(archive.id);
    expect(layers.layers.map(({ digest }) => digest)).toEqual(archive.layerDigests);
    expect(layers.layers.map(({ filesAdded, filesChanged, filesRemoved }) => [filesAdded, filesChanged, filesRemoved])).toEqual([
      [7, 0, 0],
      [3, 0, 0],
      [1, 2, 0],
      // id_rsa, d/a and d/b under the deleted folder, o/x under the opaque one.
      [1, 0, 4],
    ]);
    // As the engine counts them: regular files' sizes, nothing for links, folders and markers.
    expect(layers.layers.map(({ bytes }) => bytes)).toEqual([1000 + 100 + 50 + 200 + 300 + 400, 5000 + E + K, 5000 + 80 + G, 10]);
  });

  it("computes waste and efficiency as dive does, by hand", async () => {
    const { layers } = await analysed();
    // Smallest size seen per path / cumulative size per path; a deletion is a sighting of 0 bytes.
    const smallest = 1000 + 100 + 50 + 0 + 0 + 0 + E + 5000 + 0 + G + 10;
    const cumulative = 1000 + 100 + (50 + 80) + 200 + 300 + 400 + E + 5000 * 2 + K + G + 10;
    expect(layers.efficiency).toBeCloseTo(smallest / cumulative, 12);
    // Cumulative size of every path seen twice or more: etc/conf, d/a, d/b, o/x, app/big, id_rsa.
    expect(layers.wastedBytes).toBe(130 + 200 + 300 + 400 + 10_000 + K);
    // Per layer: the bytes a later layer replaced or deleted.
    expect(layers.layers.map(({ wastedBytes }) => wastedBytes)).toEqual([50 + 200 + 300 + 400, 5000 + K, 0, 0]);
    expect(layers.largestFiles.slice(0, 3)).toEqual([
      { path: "/app/big", bytes: 5000, layer: 2 },
      { path: "/bin/sh", bytes: 1000, layer: 0 },
      { path: "/etc/passwd", bytes: 100, layer: 0 },
    ]);
  });

  it("finds a key that a later layer deletes, and an .env file still shipped", async () => {
    const { layers } = await analysed();
    expect(layers.secrets.map(({ rule, path, layer, deleted, bytes }) => ({ rule, path, layer, deleted, bytes }))).toEqual([
      { rule: "secret/env-file", path: "/app/.env", layer: 1, deleted: false, bytes: E },
      { rule: "secret/private-key", path: "/root/id_rsa", layer: 1, deleted: true, bytes: K },
    ]);
    // Masked: the report never prints the value.
    expect(JSON.stringify(layers.secrets)).not.toContain("hunter2");
    expect(layers.content).toEqual([{ rule: "content/git", layer: 2, files: 1, bytes: G, examples: ["/app/.git/HEAD"] }]);
  });

  it("ties each layer to its Dockerfile line, base layers to FROM, past an ARG without history", async () => {
    const { layers } = await analysed();
    const located = locateLayers(layers, readFinalStage(DOCKERFILE), "Dockerfile");
    const image = toImageAnalysis(located, "image");
    expect(image.layers.map(({ line, instruction }) => [line, instruction.split(" ")[0]])).toEqual([
      [1, "FROM"],
      [4, "COPY"],
      [5, "COPY"],
      [6, "RUN"],
    ]);
    expect(image.layers[0]?.instruction).toBe("FROM busybox:1.37 AS runtime");
    expect(located.origins.map(({ fromBase }) => fromBase)).toEqual([true, false, false, false]);
  });

  it("reads a gzipped layer like a plain one", async () => {
    const plain = (await analysed(false)).layers;
    const gzipped = (await analysed(true)).layers;
    expect(gzipped.layers.map(({ digest: _, ...rest }) => rest)).toEqual(plain.layers.map(({ digest: _, ...rest }) => rest));
  });

  it("without a Dockerfile, names layers after their history", async () => {
    const { layers } = await analysed();
    const located = locateLayers(layers, undefined);
    expect(located.origins.map(({ instruction }) => instruction)).toEqual([
      "Imported from -",
      "COPY . /app",
      "COPY big /app/big",
      "RUN |1 V=1 /bin/sh -c rm -rf /root/id_rsa /d && mkdir -p /o && echo y > /o/y",
    ]);
  });

  it("refuses an archive without manifest.json, saying so", async () => {
    const broken = await tarBytes([file("index.json", "{}")]);
    await expect(readSavedImage(streamOf(broken))).rejects.toBeInstanceOf(SavedImageFormatError);
  });
});
