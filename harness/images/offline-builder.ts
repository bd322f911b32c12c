import type { ImageClient } from "../engine/clients/image-types.ts";

export interface OfflineBuildOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
}

/** Builds image `ref` with no registry and resolves with the version of the software inside (also its label). */
export type OfflineBuilder = (images: ImageClient, ref: string, options?: OfflineBuildOptions) => Promise<string>;

/** Docker's default PATH, which the official debian and busybox images set explicitly; `docker import` sets none. */
export const DEFAULT_PATH_ENV = "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
