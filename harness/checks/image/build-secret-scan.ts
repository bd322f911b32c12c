import type { Readable } from "node:stream";
import type { SavedLayout } from "../../layers/saved-layout.ts";
import { walkSavedImage } from "../../layers/walk-saved-image.ts";
import { NeedleScanner } from "./needle-scanner.ts";

/** Where one needle was seen in a `docker save` archive. */
export type NeedleHit =
  /** In a file of a layer (its content or its name), even one a later layer deletes. */
  | { readonly in: "layer"; readonly layer: number; readonly path: string; readonly createdBy: string }
  /** In the image config: `config.Env[1]`, `config.Labels.x`, `history[3].created_by`... */
  | { readonly in: "config"; readonly key: string; readonly text: string }
  /** Anywhere else in the archive (a tar header, a manifest), when no layer or config key explains it. */
  | { readonly in: "archive"; readonly entry: string };

export interface ImageScan {
  /** Hits of each needle, in the order the needles were given. */
  readonly hits: readonly (readonly NeedleHit[])[];
  /** Every path some layer adds, changes or deletes (whiteouts as written). */
  readonly paths: ReadonlySet<string>;
}

/** What the walk saw in each layer: its entries' names, and those whose name or content holds a needle. */
interface LayerScan {
  readonly names: string[];
  readonly found: { readonly name: string; readonly needles: ReadonlySet<number> }[];
}

/**
 * One pass over `docker save`: every blob is searched as bytes and every layer file by file, so a
 * secret is placed on the layer and path that hold it. The manifest then orders the layers and
 * names the config, whose strings are searched with their keys.
 */
export async function scanImageArchive(archive: Readable, needles: readonly string[]): Promise<ImageScan> {
  const blobs = new Map<string, NeedleScanner>();
  const layers = new Map<string, LayerScan>();
  const layout = await walkSavedImage(archive, {
    blob(name) {
      const scanner = new NeedleScanner(needles);
      blobs.set(name, scanner);
      return (chunk) => scanner.push(chunk);
    },
    entry({ layer, name }) {
      const scan = layers.get(layer) ?? { names: [], found: [] };
      layers.set(layer, scan);
      scan.names.push(name);
      const scanner = new NeedleScanner(needles);
      scanner.push(Buffer.from(name));
      return {
        push: (chunk) => scanner.push(chunk),
        end: () => {
          if (scanner.found.size > 0) scan.found.push({ name, needles: scanner.found });
        },
      };
    },
  });
  return placeHits(layout, blobs, layers, needles);
}

function placeHits(
  layout: SavedLayout,
  blobs: ReadonlyMap<string, NeedleScanner>,
  layers: ReadonlyMap<string, LayerScan>,
  needles: readonly string[],
): ImageScan {
  const layerSteps = layout.history.filter((step) => !step.emptyLayer).map((step) => step.createdBy);
  const layerBlobs = layout.layers.map(({ blob }) => blob);
  const hits = needles.map((needle, index): NeedleHit[] => {
    const placed: NeedleHit[] = [];
    layerBlobs.forEach((blob, layer) => {
      const createdBy = layerSteps[layer] ?? "";
      const files = layers.get(blob)?.found.filter((file) => file.needles.has(index)) ?? [];
      for (const { name } of files) placed.push({ in: "layer", layer, path: name, createdBy });
      if (files.length === 0 && blobs.get(blob)?.found.has(index)) placed.push({ in: "layer", layer, path: "(tar headers)", createdBy });
    });
    for (const [key, text] of stringsOf(layout.config.document, "")) if (text.includes(needle)) placed.push({ in: "config", key, text });
    if (placed.length > 0) return placed;
    // Only where nothing above explains it: docker save also keeps copies of the config (legacy v1 layer JSON).
    for (const [name, scanner] of blobs) {
      if (scanner.found.has(index) && name !== layout.config.blob && !layerBlobs.includes(name)) placed.push({ in: "archive", entry: name });
    }
    return placed;
  });
  const paths = new Set(layerBlobs.flatMap((blob) => layers.get(blob)?.names ?? []));
  return { hits, paths };
}

/** Every string in a JSON value, with its key path (`config.Env[0]`). */
function* stringsOf(value: unknown, key: string): Generator<[string, string]> {
  if (typeof value === "string") yield [key, value];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* stringsOf(item, `${key}[${index}]`);
  else if (value && typeof value === "object") for (const [name, item] of Object.entries(value)) yield* stringsOf(item, key ? `${key}.${name}` : name);
}
