import type { BuildOutcome } from "../../engine/clients/image-builder.ts";
import type { Text } from "../../model/text.ts";
import { contextTooLargeText } from "../../sandbox/build-context-message.ts";
import { failed, type Verdict } from "../check.ts";

/** The end of a build log is where BuildKit names the failing step. */
const LOG_TAIL_LINES = 60;

/**
 * A build that produced no image, as the student reads it: an oversized context says what to leave
 * out; a build over its time or one that fails shows the end of its log under the caller's words.
 */
export function buildFailureVerdict(outcome: Extract<BuildOutcome, { ok: false }>, words: { readonly tooSlow: Text; readonly fails: Text }): Verdict {
  if (outcome.reason === "context-too-large") return failed(contextTooLargeText(outcome.context));
  const details = outcome.log.split("\n").slice(-LOG_TAIL_LINES).join("\n");
  return failed(outcome.reason === "timeout" ? words.tooSlow : words.fails, { details });
}
