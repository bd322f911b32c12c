import type { ImageClient } from "../engine/clients/image-types.ts";
import { finalContent, type ContentFinding } from "./final-content.ts";
import { finalPaths } from "./final-paths.ts";
import { largestFiles, layerInventory, type LayerChanges } from "./layer-changes.ts";
import { layerSecrets, scanLayerFile, type LayerSecret } from "./layer-secrets.ts";
import { readSavedImage } from "./read-saved-image.ts";
import type { HistoryRecord, SavedImage } from "./saved-image.ts";

/**
 * Everything the grader learns from an image's layers, before any Dockerfile is read: plain data,
 * the same for every run that builds the same image id, so it can be cached by that id.
 */
export interface ImageLayers {
  readonly id: string;
  readonly history: readonly HistoryRecord[];
  readonly layers: readonly (LayerChanges & { readonly digest: string })[];
  readonly bytes: number;
  readonly wastedBytes: number;
  readonly efficiency: number;
  readonly largestFiles: readonly { readonly path: string; readonly bytes: number; readonly layer: number }[];
  readonly secrets: readonly LayerSecret[];
  readonly content: readonly ContentFinding[];
}

/** What one read of an image's archive gives: its analysis, and the paths of its final file system. */
export interface ImageRead {
  readonly layers: ImageLayers;
  /** Without a leading slash, folders and links included, in the order they first appeared. */
  readonly finalPaths: ReadonlySet<string>;
}

/** Reads the image through the engine (`docker save`, streamed) once, and analyses it. */
export async function readImage(images: ImageClient, ref: string): Promise<ImageRead> {
  const image = await readSavedImage(await images.save(ref), { scan: scanLayerFile });
  return { layers: summarize(image), finalPaths: finalPaths(image.layers.map((layer) => layer.files)) };
}

/** The analysis of an image already read: pure, so tests feed it crafted archives. */
export function summarize(image: SavedImage): ImageLayers {
  const inventory = layerInventory(image.layers.map((layer) => layer.files));
  return {
    id: image.id,
    history: image.history,
    layers: inventory.layers.map((changes, index) => ({ digest: image.layers[index]?.digest ?? "", ...changes })),
    bytes: inventory.bytes,
    wastedBytes: inventory.wastedBytes,
    efficiency: inventory.efficiency,
    largestFiles: largestFiles(inventory.final),
    secrets: layerSecrets(image.layers, inventory.final),
    content: finalContent(inventory.final),
  };
}
