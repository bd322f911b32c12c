/**
 * Why a base image could not be made available. Each error names the image and carries a `hint`:
 * the command or action that fixes it, so the CLI can print it as is.
 */
export abstract class BaseImageError extends Error {
  abstract readonly hint: string;

  constructor(
    readonly ref: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidImageRefError extends BaseImageError {
  readonly hint = "Write the image as name[:tag], e.g. debian:12-slim or busybox:1.37, in lower case and without spaces.";

  constructor(ref: string, reason: string) {
    super(ref, `"${ref}" is not a valid image reference: ${reason}.`);
  }
}

/** Neither a registry nor an offline builder can provide the image. */
export class BaseImageUnavailableError extends BaseImageError {
  readonly hint: string;

  constructor(ref: string, buildable: readonly string[], pullFailure?: unknown) {
    const why = pullFailure === undefined ? "pulling is disabled" : `no registry answered (${messageOf(pullFailure)})`;
    super(ref, `Base image ${ref} is not on this Docker Engine, ${why}, and no offline builder exists for it.`, {
      cause: pullFailure,
    });
    this.hint =
      `On a machine with internet access run \`docker pull ${ref} && docker save ${ref} -o image.tar\`, ` +
      `then \`docker load -i image.tar\` here; or use an image dockgrade can build offline: ${buildable.join(", ")}.`;
  }
}

/** This host lacks what an offline builder needs (root, debootstrap). */
export class OfflineBuilderUnavailableError extends BaseImageError {
  readonly hint: string;

  constructor(ref: string, missing: string, fix: string) {
    super(ref, `Cannot build ${ref} offline: ${missing}.`);
    this.hint = `${fix}; or, on a machine with internet access, pull ${ref} and bring it here with docker save / docker load.`;
  }
}

/** The offline builder ran and failed; `details` holds the end of its output. */
export class OfflineBuildFailedError extends BaseImageError {
  readonly hint: string;

  constructor(
    ref: string,
    step: string,
    readonly details: string,
    hint: string,
    options?: ErrorOptions,
  ) {
    super(ref, `Building ${ref} offline failed while ${step}.${details ? `\n${details}` : ""}`, options);
    this.hint = hint;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
