import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ImageLayers } from "../../../harness/layers/analyze-image.ts";
import { LayerCache } from "../../../harness/layers/layer-cache.ts";
import { scanLayerFile } from "../../../harness/layers/layer-secrets.ts";

const rules = (path: string, content: string | Buffer) => scanLayerFile(path, Buffer.from(content)).map(({ rule }) => rule);

describe("secret scan of a layer's small files", () => {
  it("finds private keys by header, whatever the file is called", () => {
    expect(rules("srv/tls/server.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIE...")).toEqual(["secret/private-key"]);
    expect(rules("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIID...")).toEqual([]);
  });

  it("finds .env files with a value, not their examples nor empty ones", () => {
    expect(rules("app/.env", "# local\nAPI_URL=http://db\n")).toEqual(["secret/env-file"]);
    expect(rules("app/.env.production", "export SECRET=abc\n")).toEqual(["secret/env-file"]);
    expect(rules("app/.env.example", "SECRET=changeme\n")).toEqual([]);
    expect(rules("app/.env", "# nothing yet\nSECRET=\n")).toEqual([]);
  });

  it("finds cloud credentials and tokens by shape, and leaves references alone", () => {
    expect(
      rules("root/.aws/credentials", "[default]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key = abcdefghijABCDEFGHIJ0123456789/+abcdefgh\n"),
    ).toEqual(["secret/cloud-credentials"]);
    expect(rules("root/.npmrc", "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n")).toEqual(["secret/token"]);
    expect(rules("root/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")).toEqual([]);
    expect(rules("app/config.sh", "DB_PASSWORD=s3cr3t-value\n")).toEqual(["secret/token"]);
    expect(rules("app/config.sh", "DB_PASSWORD_FILE=/run/secrets/db\n")).toEqual([]);
  });

  it("skips binary content", () => {
    expect(rules("usr/bin/tool", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from("-----BEGIN RSA PRIVATE KEY-----")]))).toEqual([]);
  });
});

const scratch = await mkdtemp(join(tmpdir(), "dockgrade-layer-cache-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function layersOf(id: string): ImageLayers {
  return { id, history: [], layers: [], bytes: 1, wastedBytes: 0, efficiency: 1, largestFiles: [], secrets: [], content: [] };
}

describe("layer cache by image id", () => {
  it("analyses an id once per process, and once per machine through the disk", async () => {
    const directory = join(scratch, "a");
    let analyses = 0;
    const analyze = async () => {
      analyses += 1;
      return layersOf("sha256:abc");
    };
    const first = new LayerCache(directory);
    await Promise.all([first.get("sha256:abc", analyze), first.get("sha256:abc", analyze)]);
    expect(analyses).toBe(1);
    expect(await readdir(directory)).toEqual(["sha256-abc.json"]);
    // Another process (a fresh cache) reads the file instead of analysing again.
    expect(await new LayerCache(directory).get("sha256:abc", analyze)).toEqual(layersOf("sha256:abc"));
    expect(analyses).toBe(1);
  });

  it("treats an unreadable file as a miss, and does not remember a failure", async () => {
    const directory = join(scratch, "b");
    const cache = new LayerCache(directory);
    await expect(cache.get("sha256:bad", () => Promise.reject(new Error("engine gone")))).rejects.toThrow("engine gone");
    expect(await cache.get("sha256:bad", async () => layersOf("sha256:bad"))).toEqual(layersOf("sha256:bad"));
    await writeFile(join(directory, "sha256-other.json"), "{ not json");
    expect(await new LayerCache(directory).get("sha256:other", async () => layersOf("sha256:other"))).toEqual(layersOf("sha256:other"));
  });
});

describe("the layer cache in memory", () => {
  it("keeps the last images only: a batch moving on through a class does not hold every analysis", async () => {
    // A folder that cannot exist (below a device file): no disk cache, so what memory forgot is analysed again.
    const cache = new LayerCache("/dev/null/dockgrade-cache");
    let analyses = 0;
    const analyze = (id: string) => async () => {
      analyses += 1;
      return { id } as unknown as ImageLayers;
    };
    for (let image = 0; image < 9; image += 1) await cache.get(`sha256:${image}`, analyze(`sha256:${image}`));
    await cache.get("sha256:8", analyze("sha256:8"));
    expect(analyses).toBe(9);
    await cache.get("sha256:0", analyze("sha256:0"));
    expect(analyses).toBe(10);
  });
});
