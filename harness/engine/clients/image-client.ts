import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { Labels } from "../../kernel/run-labels.ts";
import type { HistoryEntry, ImageClient, ImageConfig, ImageDetails, ImageLoad } from "./image-types.ts";

/** Asked for an image the engine does not have. */
export class ImageNotFoundError extends Error {
  readonly hint: string;
  constructor(readonly ref: string) {
    super(`Image ${ref} does not exist on this Docker Engine.`);
    this.name = "ImageNotFoundError";
    this.hint = `Build or pull ${ref} first (\`docker image ls\` lists what the engine has).`;
  }
}

/** The engine answered a streamed request (pull, import) with an error line instead of an HTTP error. */
export class ImageStreamError extends Error {
  constructor(
    readonly action: string,
    readonly ref: string,
    engineMessage: string,
  ) {
    super(`${action} of ${ref} failed: ${engineMessage}`);
    this.name = "ImageStreamError";
  }
}

export class DockerImageClient implements ImageClient {
  constructor(private readonly docker: Docker) {}

  async exists(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async inspect(ref: string): Promise<ImageDetails> {
    const info = await this.docker
      .getImage(ref)
      .inspect()
      .catch((error: unknown) => {
        throw isNotFound(error) ? new ImageNotFoundError(ref) : error;
      });
    return {
      id: info.Id,
      repoTags: info.RepoTags ?? [],
      size: info.Size,
      created: info.Created,
      config: toImageConfig(info.Config),
      layers: info.RootFS?.Layers ?? [],
    };
  }

  async history(ref: string): Promise<readonly HistoryEntry[]> {
    const rows: { CreatedBy?: string; Size?: number; Comment?: string }[] = await this.docker
      .getImage(ref)
      .history()
      .catch((error: unknown) => {
        throw isNotFound(error) ? new ImageNotFoundError(ref) : error;
      });
    return rows.map((row) => ({ createdBy: row.CreatedBy ?? "", size: row.Size ?? 0, comment: row.Comment ?? "" }));
  }

  async pull(ref: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const stream = await this.docker.pull(ref, { abortSignal: signal });
    await this.follow(stream, "Pull", ref, signal);
  }

  async importRootfs(tar: Readable, ref: string, options: { labels: Labels; changes: readonly string[]; signal?: AbortSignal }): Promise<void> {
    options.signal?.throwIfAborted();
    const { repo, tag } = splitRef(ref);
    // `docker import` has no label option, but LABEL is one of the instructions `changes` accepts.
    const labelChanges = Object.entries(options.labels).map(([key, value]) => `LABEL ${JSON.stringify(key)}=${JSON.stringify(value)}`);
    const changes = [...options.changes, ...labelChanges];
    const stream = await this.docker.importImage(tar, { repo, tag, changes, abortSignal: options.signal });
    await this.follow(stream, "Import", ref, options.signal);
  }

  async load(archive: Readable, signal?: AbortSignal): Promise<ImageLoad> {
    signal?.throwIfAborted();
    const stream = (await this.docker.loadImage(archive, { quiet: true, abortSignal: signal })) as NodeJS.ReadableStream;
    // `{"stream":"Loaded image: repo:tag\n"}` lines, or `{"error": ...}`.
    const messages = await new Promise<{ stream?: string; error?: string }[]>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (error: Error | null, events: { stream?: string; error?: string }[]) =>
        error ? reject(error) : resolve(events),
      );
    });
    const output = messages
      .map((message) => message.error ?? message.stream ?? "")
      .join("")
      .trim();
    const failure = messages.find((message) => message.error !== undefined);
    return failure ? { output, error: failure.error ?? "" } : { output };
  }

  async addFiles(base: string, tar: Readable, ref: string, options: { labels: Labels; changes: readonly string[]; comment: string }): Promise<void> {
    const { repo, tag } = splitRef(ref);
    const container = await this.docker.createContainer({ Image: base, Cmd: ["true"], Labels: { ...options.labels } });
    try {
      await container.putArchive(tar, { path: "/" });
      await container.commit({ repo, tag, comment: options.comment, changes: [...options.changes] });
    } finally {
      await container.remove({ force: true });
    }
  }

  async tag(ref: string, newRef: string): Promise<void> {
    await this.docker.getImage(ref).tag(splitRef(newRef));
  }

  async save(ref: string): Promise<Readable> {
    return (await this.docker.getImage(ref).get()) as Readable;
  }

  async remove(ref: string, options: { force?: boolean } = {}): Promise<void> {
    try {
      await this.docker.getImage(ref).remove({ force: options.force ?? false });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async listByLabel(label: string, value?: string): Promise<readonly { id: string; repoTags: readonly string[]; labels: Labels }[]> {
    const filter = value === undefined ? label : `${label}=${value}`;
    const images = await this.docker.listImages({ filters: { label: [filter] } });
    return images.map((image) => ({
      id: image.Id,
      repoTags: (image.RepoTags ?? []).filter((tag) => tag !== "<none>:<none>"),
      labels: image.Labels ?? {},
    }));
  }

  /** Reads a progress stream to its end: the engine reports failures as a line in it, not as an HTTP status. */
  private follow(stream: NodeJS.ReadableStream, action: string, ref: string, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        (stream as Readable).destroy(signal?.reason as Error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.docker.modem.followProgress(stream, (error: Error | null, events: { error?: string }[]) => {
        signal?.removeEventListener("abort", onAbort);
        if (signal?.aborted) return reject(signal.reason);
        if (error) return reject(error);
        const failure = events.find((event) => event.error !== undefined);
        if (failure) return reject(new ImageStreamError(action, ref, failure.error ?? ""));
        resolve();
      });
    });
  }
}

function toImageConfig(config: Docker.ImageInspectInfo["Config"] | undefined): ImageConfig {
  const entrypoint = config?.Entrypoint;
  return {
    User: config?.User ?? "",
    Env: config?.Env ?? [],
    Cmd: config?.Cmd ?? null,
    Entrypoint: typeof entrypoint === "string" ? [entrypoint] : (entrypoint ?? null),
    ExposedPorts: config?.ExposedPorts ?? {},
    Labels: config?.Labels ?? {},
    ...(config?.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
    WorkingDir: config?.WorkingDir ?? "",
  };
}

/** `registry:5000/team/app:1.2` -> repo `registry:5000/team/app`, tag `1.2`; no tag means `latest`. */
function splitRef(ref: string): { repo: string; tag: string } {
  if (ref.includes("@")) throw new Error(`${ref} is pinned by digest: an image can be named only by repository and tag.`);
  const colon = ref.lastIndexOf(":");
  if (colon <= ref.lastIndexOf("/")) return { repo: ref, tag: "latest" };
  return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { statusCode?: number }).statusCode === 404;
}
