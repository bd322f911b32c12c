import { posix } from "node:path";
import type { BuildOutcome } from "../../engine/clients/image-builder.ts";
import type { SourceLocation } from "../../kernel/result.ts";
import type { Text } from "../../kernel/text.ts";
import { contextTooLargeText } from "../../engine/build/build-context-message.ts";
import { buildDiskOverrunText } from "../../engine/build/build-disk-message.ts";
import { failed, type Verdict } from "../../kernel/check.ts";

/** The end of a build log is where BuildKit names the failing step. */
const LOG_TAIL_LINES = 60;

/**
 * A build that produced no image, as the student reads it: an oversized context says what to leave
 * out; a build over a disk limit says which, and the step that wrote; a build over its time or one that fails shows the end of its log under the caller's words.
 * Given the Dockerfile built (relative to the submission), a failure points at the instruction the
 * log names.
 */
export function buildFailureVerdict(
  outcome: Extract<BuildOutcome, { ok: false }>,
  words: { readonly tooSlow: Text; readonly fails: Text },
  dockerfile?: string,
): Verdict {
  if (outcome.reason === "context-too-large") return failed(contextTooLargeText(outcome.context));
  const details = outcome.log.split("\n").slice(-LOG_TAIL_LINES).join("\n");
  if (outcome.reason === "over-disk-limit") {
    const { line } = outcome.overrun;
    return failed(buildDiskOverrunText(outcome.overrun), { details, ...(dockerfile && line !== undefined ? { location: { file: dockerfile, line } } : {}) });
  }
  const line = dockerfile === undefined ? undefined : failingLine(outcome.log, posix.basename(dockerfile));
  const location: SourceLocation | undefined = dockerfile === undefined || line === undefined ? undefined : { file: dockerfile, line };
  return failed(outcome.reason === "timeout" ? words.tooSlow : words.fails, { details, location });
}

/**
 * BuildKit prints `Dockerfile:12` (the file's base name) above the excerpt of the instruction that
 * failed, parse errors included; the last one is where the build stopped. A log without one (a
 * build cut by its time limit) names no line.
 */
export function failingLine(log: string, dockerfileName: string): number | undefined {
  const marker = `${dockerfileName}:`;
  const found = log
    .split("\n")
    .filter((line) => line.startsWith(marker) && /^\d+$/.test(line.slice(marker.length).trim()))
    .at(-1);
  return found === undefined ? undefined : Number(found.slice(marker.length));
}
