import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { tarBytes, type TarEntry } from "../batch/archives.ts";

/** Builders of `docker save` archives in memory, laid out as Docker 25+ writes them (OCI blobs + manifest.json). */

export interface CraftedLayer {
  readonly entries: readonly TarEntry[];
  readonly gzip?: boolean;
}

export interface CraftedHistory {
  readonly created_by?: string;
  readonly comment?: string;
  readonly empty_layer?: boolean;
}

export function file(name: string, content: string | Buffer): TarEntry {
  return { name, content, type: "file", mode: 0o644 };
}

export function folder(name: string): TarEntry {
  return { name: `${name}/`, type: "directory", mode: 0o755 };
}

export function symlink(name: string, target: string): TarEntry {
  return { name, type: "symlink", linkname: target };
}

/** `.wh.name` in `dir`: deletes `dir/name` from the layers below. */
export function whiteout(path: string): TarEntry {
  const at = path.lastIndexOf("/");
  return file(`${path.slice(0, at + 1)}.wh.${path.slice(at + 1)}`, "");
}

export function opaque(dir: string): TarEntry {
  return file(`${dir}/.wh..wh..opq`, "");
}

/** A whole archive; blobs come before manifest.json, as `docker save` writes them. */
export async function savedImage(
  layers: readonly CraftedLayer[],
  history: readonly CraftedHistory[],
): Promise<{ bytes: Buffer; id: string; layerDigests: string[] }> {
  const blobs: TarEntry[] = [];
  const layerPaths: string[] = [];
  const layerDigests: string[] = [];
  for (const layer of layers) {
    const plain = await tarBytes(layer.entries);
    const bytes = layer.gzip ? gzipSync(plain) : plain;
    const digest = sha256(bytes);
    layerDigests.push(`sha256:${digest}`);
    layerPaths.push(`blobs/sha256/${digest}`);
    if (!blobs.some((blob) => blob.name === `blobs/sha256/${digest}`)) blobs.push(file(`blobs/sha256/${digest}`, bytes));
  }
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", history, rootfs: { type: "layers", diff_ids: layerDigests } }));
  const configDigest = sha256(config);
  blobs.push(file(`blobs/sha256/${configDigest}`, config));
  const manifest = JSON.stringify([{ Config: `blobs/sha256/${configDigest}`, RepoTags: ["crafted:latest"], Layers: layerPaths }]);
  const index = JSON.stringify({ schemaVersion: 2, manifests: [] });
  const bytes = await tarBytes([
    folder("blobs"),
    folder("blobs/sha256"),
    ...blobs,
    file("index.json", index),
    file("manifest.json", manifest),
    file("oci-layout", '{"imageLayoutVersion":"1.0.0"}'),
  ]);
  return { bytes, id: `sha256:${configDigest}`, layerDigests };
}

export function streamOf(bytes: Buffer): Readable {
  // Small chunks, so that tar headers and file contents straddle chunk boundaries.
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 1000) chunks.push(bytes.subarray(at, at + 1000));
  return Readable.from(chunks);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
