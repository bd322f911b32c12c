import { spawn } from "node:child_process";
import type { ImageClient } from "../engine/clients/image-types.ts";
import type { Labels } from "../kernel/run-labels.ts";
import { OfflineBuildFailedError } from "./errors.ts";

export interface ImportOptions {
  readonly labels: Labels;
  readonly changes: readonly string[];
  readonly signal?: AbortSignal;
}

const MAX_STDERR = 8_000;

/**
 * Streams directory `dir` into the engine as image `ref` (`tar -c | docker import`). GNU tar rather than
 * a JavaScript packer: it already gets hard links, device files, sparse files and ownership right.
 * An image imported from an incomplete tar is removed again.
 */
export async function importDirectory(images: ImageClient, dir: string, ref: string, options: ImportOptions): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const tar = spawn("tar", ["--numeric-owner", "-C", dir, "-c", "."], { stdio: ["ignore", "pipe", "pipe"], signal });
  let stderr = "";
  tar.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-MAX_STDERR);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    tar.on("error", (error) => {
      if (!signal?.aborted) reject(error);
    });
    tar.on("close", resolve);
  });
  const [imported, packed] = await Promise.allSettled([images.importRootfs(tar.stdout, ref, options), exited]);

  const tarFailed = packed.status === "rejected" || packed.value !== 0;
  if (signal?.aborted || tarFailed) await images.remove(ref, { force: true });
  signal?.throwIfAborted();
  if (tarFailed) {
    const why = packed.status === "rejected" ? String(packed.reason) : `tar exited with code ${packed.value}`;
    throw new OfflineBuildFailedError(
      ref,
      "packing the root file system with tar",
      `${why}\n${stderr}`.trim(),
      "Install GNU tar (apt-get install tar) and check that the temp dir's file system is readable and not full.",
      { cause: packed.status === "rejected" ? packed.reason : undefined },
    );
  }
  if (imported.status === "rejected") {
    throw new OfflineBuildFailedError(
      ref,
      "importing it into the Docker Engine",
      String(imported.reason),
      "Check that the Docker Engine is running and has free disk space (`docker system df`).",
      { cause: imported.reason },
    );
  }
}
