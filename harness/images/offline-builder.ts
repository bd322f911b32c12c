import type { ImageClient } from "../engine/clients/image-types.ts";

export interface OfflineBuildOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
}

/** Builds image `ref` with no registry and resolves with the version of the software inside (also its label). */
export type OfflineBuilder = (images: ImageClient, ref: string, options?: OfflineBuildOptions) => Promise<string>;
