import { readFile, realpath, stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { isInside } from "./inside-root.ts";

/** Real Dockerfiles are a few KiB; past this the file is not read (a renamed disk image must cost nothing). */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** A Dockerfile of the submission, read once for everything that judges it before a build. */
export interface SubmissionDockerfile {
  /** Real path (links resolved), inside the submission. */
  readonly path: string;
  /** Relative to the submission root, with `/`: how violations and findings name it. */
  readonly file: string;
  /** False for a FIFO, a device or a folder: nothing reads it (a FIFO would block the reader). */
  readonly regular: boolean;
  readonly size: number;
  /** Its content; undefined when it is not a regular file or is larger than MAX_DOCKERFILE_BYTES. */
  readonly bytes: Uint8Array | undefined;
}

/** One image the grader will build: the exercise's own (no service), or a Compose service's. */
export interface DockerfileBuild {
  readonly service?: string;
  /**
   * The Dockerfile read from the submission, the service's `dockerfile_inline` text, or undefined
   * when the path leads nowhere inside the submission (the Compose pass refuses a path outside;
   * a missing file is the build's to report).
   */
  readonly dockerfile: SubmissionDockerfile | { readonly inline: string } | undefined;
  /** The build context's folder, absolute: where its `.dockerignore` is read. */
  readonly context: string;
  /** The service's build arguments as Compose resolved them (`BUILDKIT_SYNTAX` picks a frontend). */
  readonly args: Readonly<Record<string, string | null>>;
}

/**
 * Reads the Dockerfile at `path` if it resolves inside `root`: links are followed first, so a
 * Dockerfile linked to a file outside the submission is never read, even when a caller hands it over.
 */
export async function readSubmissionDockerfile(root: string, path: string): Promise<SubmissionDockerfile | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (!real || !isInside(root, real)) return undefined;
  const info = await stat(real).catch(() => undefined);
  if (!info) return undefined;
  const file = relative(root, real).split(sep).join("/");
  const regular = info.isFile();
  const bytes = regular && info.size <= MAX_DOCKERFILE_BYTES ? await readFile(real) : undefined;
  return { path: real, file, regular, size: info.size, bytes };
}

/** The text of a Dockerfile read, as `readFile(path, "utf8")` gives it: a byte-order mark stays, so first-line columns count it. */
export function dockerfileText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}
