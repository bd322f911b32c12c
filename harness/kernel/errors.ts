/**
 * The few errors that end a command, each with what the user should do. The CLI's one top-level
 * handler maps them to exit codes (2: usage or ungradable submission, 3: no engine).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The submission cannot be graded at all: no check can say anything useful about it. */
export class UngradableSubmissionError extends Error {
  constructor(
    readonly code: "missing-file" | "outside-submission" | "not-a-file" | "invalid-exercise" | "too-large" | "base-image-unavailable",
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "UngradableSubmissionError";
  }
}
