import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImageLayers } from "./analyze-image.ts";

/** Bumped whenever ImageLayers changes shape or meaning: older files are then ignored. */
const FORMAT = 1;

/**
 * Analyses by image id. An id is the digest of the image's config, which names its layers by
 * digest: the same id always means the same bytes, so an entry never goes stale and the cache
 * needs no invalidation. In memory for the last few images, and on disk for the next grading runs
 * (`$TMPDIR/dockgrade-cache/layers/<digest>.json`); a file that cannot be read is a miss.
 */
/**
 * Analyses kept in memory: a grading run asks for its image's a few times, a batch moves on to the
 * next student's image; older ones are still on disk. Unbounded, a batch of a class's 50 different
 * images kept every file list of every one of them.
 */
const IN_MEMORY = 8;

export class LayerCache {
  private readonly memory = new Map<string, Promise<ImageLayers>>();

  constructor(private readonly directory: string = join(tmpdir(), "dockgrade-cache", "layers")) {}

  /** The cached analysis of `id`, else `analyze()`'s, stored; concurrent callers share one analysis. */
  get(id: string, analyze: () => Promise<ImageLayers>): Promise<ImageLayers> {
    const known = this.memory.get(id);
    if (known) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.memory.delete(id);
      this.memory.set(id, known);
      return known;
    }
    const pending = this.load(id).then(async (stored) => stored ?? this.store(await analyze()));
    this.memory.set(id, pending);
    if (this.memory.size > IN_MEMORY) this.memory.delete(this.memory.keys().next().value as string);
    // A failed analysis is not remembered: the next run tries again.
    pending.catch(() => this.memory.delete(id));
    return pending;
  }

  private fileOf(id: string): string {
    return join(this.directory, `${id.replace(/[^a-z0-9]+/gi, "-")}.json`);
  }

  private async load(id: string): Promise<ImageLayers | undefined> {
    try {
      const stored = JSON.parse(await readFile(this.fileOf(id), "utf8")) as { format?: number; layers?: ImageLayers };
      return stored.format === FORMAT && stored.layers?.id === id ? stored.layers : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary name then renamed, so a reader never sees half a file. */
  private async store(layers: ImageLayers): Promise<ImageLayers> {
    const file = this.fileOf(layers.id);
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true });
      await writeFile(partial, JSON.stringify({ format: FORMAT, layers }));
      await rename(partial, file);
    } catch {
      // A read-only or full temporary folder only costs the next run an analysis.
    }
    return layers;
  }
}

/**
 * The process's cache. Shared state, but safe to share: entries are keyed by content digest and
 * never change, so runs graded in parallel can only agree on them.
 */
export const processLayerCache = new LayerCache();
