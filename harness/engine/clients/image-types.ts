import type { Readable } from "node:stream";
import type { Labels } from "../../kernel/run-labels.ts";

export interface ImageConfig {
  readonly User: string;
  readonly Env: readonly string[];
  readonly Cmd: readonly string[] | null;
  readonly Entrypoint: readonly string[] | null;
  readonly ExposedPorts: Readonly<Record<string, object>>;
  readonly Labels: Readonly<Record<string, string>>;
  readonly Healthcheck?: {
    readonly Test?: readonly string[];
    readonly Interval?: number;
    readonly Timeout?: number;
    readonly StartPeriod?: number;
    readonly Retries?: number;
  };
  readonly WorkingDir: string;
}

/** The parts of `docker image inspect` the grader reads. */
export interface ImageDetails {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly size: number;
  readonly created: string;
  readonly config: ImageConfig;
  /** Diff ids of the layers, bottom first. */
  readonly layers: readonly string[];
}

/** One row of `docker history`, top (newest) first as the engine returns it. */
export interface HistoryEntry {
  readonly createdBy: string;
  readonly size: number;
  readonly comment: string;
}

/** What `docker load` said: the engine's lines (`Loaded image: repo:tag`), and its error when it refused the archive. */
export interface ImageLoad {
  readonly output: string;
  readonly error?: string;
}

export interface ImageClient {
  exists(ref: string): Promise<boolean>;
  inspect(ref: string): Promise<ImageDetails>;
  history(ref: string): Promise<readonly HistoryEntry[]>;
  /** Pulls from the image's registry; rejects when the registry cannot be reached. */
  pull(ref: string, signal?: AbortSignal): Promise<void>;
  /** `docker import`: a root file system tar becomes image `ref`, with config changes like `CMD ["sh"]`. */
  importRootfs(tar: Readable, ref: string, options: { labels: Labels; changes: readonly string[]; signal?: AbortSignal }): Promise<void>;
  /**
   * `docker load` of an image archive (a `docker save`, tar or gzip). An archive the engine refuses
   * resolves with its error; only a failure to reach the engine rejects.
   */
  load(archive: Readable, signal?: AbortSignal): Promise<ImageLoad>;
  /**
   * Image `ref` made of image `base` with the files of `tar` added at `/` and config `changes`: a
   * container of `base` (labelled `labels`, removed afterwards), filled (`docker cp`) and committed.
   * No registry and no BuildKit needed.
   */
  addFiles(base: string, tar: Readable, ref: string, options: { labels: Labels; changes: readonly string[]; comment: string }): Promise<void>;
  /** `docker tag`: gives image `ref` the extra name `newRef` (both then name the same image). */
  tag(ref: string, newRef: string): Promise<void>;
  /** `docker save` of one image: the archive with manifest.json, config and layer tars. */
  save(ref: string): Promise<Readable>;
  /** Removes the image; absent images are not an error. */
  remove(ref: string, options?: { force?: boolean }): Promise<void>;
  listByLabel(label: string, value?: string): Promise<readonly { id: string; repoTags: readonly string[]; labels: Labels }[]>;
}
