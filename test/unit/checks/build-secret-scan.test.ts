import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { scanImageArchive } from "../../../harness/checks/image/build-secret-scan.ts";
import { NeedleScanner } from "../../../harness/checks/image/needle-scanner.ts";

const SECRET = "0f3c9a51d2e84b7766aa01bc5de39f21c0ffee42";
const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content);
  tar.finalize();
  return buffer(tar as unknown as NodeJS.ReadableStream);
}

/** A `docker save` as Engine 26 writes it: layers and config as blobs, a legacy v1 copy of the config, manifest.json last. */
async function savedImage(layers: readonly Record<string, string>[], config: object, extra: Record<string, string> = {}, gzip = false): Promise<Readable> {
  const layerTars = await Promise.all(layers.map(async (files) => (gzip ? gzipSync(await tarOf(files)) : tarOf(files))));
  const configText = JSON.stringify(config);
  const files: Record<string, string | Buffer> = {
    ...extra,
    "blobs/sha256/legacy-v1-json": JSON.stringify({ id: "x", config: (config as { config?: object }).config }),
  };
  for (const tar of layerTars) files[`blobs/sha256/${sha(tar)}`] = tar;
  files[`blobs/sha256/${sha(configText)}`] = configText;
  files["manifest.json"] = JSON.stringify([{ Config: `blobs/sha256/${sha(configText)}`, Layers: layerTars.map((tar) => `blobs/sha256/${sha(tar)}`) }]);
  // Chunks of 1000 bytes: tar headers and contents straddle them.
  const bytes = await tarOf(files);
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, index) => bytes.subarray(index * 1000, (index + 1) * 1000)));
}

const history = (...steps: string[]) => steps.map((created_by) => ({ created_by }));

describe("NeedleScanner", () => {
  it("finds a needle split between chunks, and each needle on its own", () => {
    const scanner = new NeedleScanner(["secret-value", "absent"]);
    for (const chunk of ["xx secr", "et-va", "lue yy"]) scanner.push(Buffer.from(chunk));
    expect([...scanner.found]).toEqual([0]);
  });

  it("does not invent a match from bytes that were never adjacent", () => {
    const scanner = new NeedleScanner(["abc"]);
    for (const chunk of ["ab", "xc", "a", "b"]) scanner.push(Buffer.from(chunk));
    expect(scanner.found.size).toBe(0);
  });
});

describe("scanImageArchive", () => {
  it("places the value in the layer that wrote it even when a later layer deletes it, with the step that made the layer", async () => {
    const archive = await savedImage([{ "bin/sh": "busybox" }, { "src/.npm-token": `${SECRET}\n` }, { "src/.wh..npm-token": "" }], {
      config: { Env: ["PATH=/bin"] },
      history: history("ADD rootfs", "RUN /bin/sh -c cp /run/secrets/npm_token /src/.npm-token", "RUN /bin/sh -c rm /src/.npm-token"),
    });
    const { hits, paths } = await scanImageArchive(archive, [SECRET]);
    expect(hits[0]).toEqual([{ in: "layer", layer: 1, path: "src/.npm-token", createdBy: "RUN /bin/sh -c cp /run/secrets/npm_token /src/.npm-token" }]);
    expect(paths.has("src/.wh..npm-token")).toBe(true);
  });

  it("names the config keys that hold the value: ENV, labels and history, and not the legacy copy of the config", async () => {
    const archive = await savedImage([{ "bin/sh": "busybox" }], {
      config: { Env: ["PATH=/bin", `NPM_TOKEN=${SECRET}`], Labels: { "com.example.key": SECRET } },
      history: [{ created_by: "ADD rootfs" }, { created_by: `ENV NPM_TOKEN=${SECRET}`, empty_layer: true }],
    });
    const [found] = (await scanImageArchive(archive, [SECRET])).hits;
    expect(found?.map((hit) => (hit.in === "config" ? hit.key : hit.in))).toEqual(["config.Env[1]", "config.Labels.com.example.key", "history[1].created_by"]);
  });

  it("finds a fingerprint in a receipt and reports nothing for a clean image", async () => {
    const fingerprint = sha(SECRET);
    const archive = await savedImage([{ "app/vendor/.receipt": `token-sha256=${fingerprint}\n` }], { config: {}, history: history("RUN /bin/sh -c fetch") });
    const { hits } = await scanImageArchive(archive, [SECRET, fingerprint]);
    expect(hits[0]).toEqual([]);
    expect(hits[1]).toEqual([{ in: "layer", layer: 0, path: "app/vendor/.receipt", createdBy: "RUN /bin/sh -c fetch" }]);
  });

  it("reads a gzipped layer file by file, as the engine may store it", async () => {
    const archive = await savedImage(
      [{ "bin/sh": "busybox" }, { "src/.npm-token": `${SECRET}\n` }],
      { config: {}, history: history("ADD rootfs", "COPY .npm-token /src/") },
      {},
      true,
    );
    const { hits, paths } = await scanImageArchive(archive, [SECRET]);
    expect(hits[0]).toEqual([{ in: "layer", layer: 1, path: "src/.npm-token", createdBy: "COPY .npm-token /src/" }]);
    expect([...paths]).toEqual(["bin/sh", "src/.npm-token"]);
  });

  it("falls back to the archive entry for a value no layer file or config key explains", async () => {
    const archive = await savedImage(
      [{ "bin/sh": "busybox" }],
      { config: {}, history: history("ADD rootfs") },
      { "blobs/sha256/attestation": `{"predicate":"${SECRET}"}` },
    );
    const [found] = (await scanImageArchive(archive, [SECRET])).hits;
    expect(found).toEqual([{ in: "archive", entry: "blobs/sha256/attestation" }]);
  });
});
