import { randomBytes } from "node:crypto";

/** A token no submission can guess, to end a `::stop-commands::` block. */
export function newStopToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Output that may carry the submission's words (check messages, build logs) made inert for the runner:
 * between `::stop-commands::<token>` and `::<token>::` it reads no workflow command, so a line of a
 * build log cannot set an output, add a mask or forge an annotation. The token is random per call
 * site, so the submission cannot end the block itself.
 */
export function guardLog(output: string, token: string): string {
  if (output.includes(`::${token}::`)) throw new Error("The stop-commands token appears in the output it guards.");
  const body = output.endsWith("\n") || output === "" ? output : `${output}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}
