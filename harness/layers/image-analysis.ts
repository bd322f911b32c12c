import type { FinalStage } from "../dockerfile/instruction-lines.ts";
import type { ImageAnalysis, SourceLocation } from "../kernel/result.ts";
import type { ImageLayers } from "./analyze-image.ts";
import { layerOrigins, type LayerOrigin } from "./layer-origins.ts";

/** An image's layers tied to the Dockerfile that built them. */
export interface LocatedLayers {
  readonly layers: ImageLayers;
  readonly origins: readonly LayerOrigin[];
  /** The Dockerfile, relative to the submission root; absent when the image was not built from one. */
  readonly file?: string;
}

/**
 * Ties the analysis to the Dockerfile. Done on every run, never cached: a fully cached rebuild gives
 * the same image id from a Dockerfile whose lines moved (a comment added above).
 */
export function locateLayers(layers: ImageLayers, stage: FinalStage | undefined, file?: string): LocatedLayers {
  return { layers, origins: layerOrigins(layers.history, layers.layers.length, stage), ...(file === undefined ? {} : { file }) };
}

/** The Dockerfile line that made layer `index`, when known. */
export function layerLocation(located: LocatedLayers, index: number): SourceLocation | undefined {
  if (located.file === undefined) return undefined;
  const line = located.origins[index]?.source?.line;
  return line === undefined ? { file: located.file } : { file: located.file, line };
}

/** The result model's view of one image, named `image` or after its Compose service. */
export function toImageAnalysis(located: LocatedLayers, name: string): ImageAnalysis {
  const { layers, origins, file } = located;
  return {
    name,
    digest: layers.id,
    bytes: layers.bytes,
    wastedBytes: layers.wastedBytes,
    efficiency: layers.efficiency,
    layers: layers.layers.map((layer, index) => {
      const origin = origins[index];
      const line = origin?.source?.line;
      return {
        index,
        digest: layer.digest,
        instruction: origin?.instruction ?? "",
        ...(file !== undefined && line !== undefined ? { file, line } : {}),
        bytes: layer.bytes,
        filesAdded: layer.filesAdded,
        filesChanged: layer.filesChanged,
        filesRemoved: layer.filesRemoved,
        wastedBytes: layer.wastedBytes,
      };
    }),
    largestFiles: layers.largestFiles,
  };
}
