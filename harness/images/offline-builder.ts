import type { Engine } from "../engine/engine.ts";

/** What an offline builder uses of the engine: the images, and BuildKit for the images built from source. */
export type BaseImageTools = Pick<Engine, "images" | "builder">;

export interface OfflineBuildOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
}

/** Builds image `ref` with no registry and resolves with the version of the software inside (also its label). */
export type OfflineBuilder = (tools: BaseImageTools, ref: string, options?: OfflineBuildOptions) => Promise<string>;

/** Docker's default PATH, which the official debian and busybox images set explicitly; `docker import` sets none. */
export const DEFAULT_PATH_ENV = "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
