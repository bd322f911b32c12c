import type { Text } from "./text.ts";

/**
 * Why a run stopped its checks early for the submission's own doing (its time budget ran out, a
 * container filled the disk), as opposed to the user cancelling. Used as the run signal's abort
 * reason: the check it interrupts fails with this message, the rest are not evaluated.
 */
export class RunHalt extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
    this.name = "RunHalt";
  }
}

export function haltReason(signal: AbortSignal): Text | undefined {
  return signal.aborted && signal.reason instanceof RunHalt ? signal.reason.reason : undefined;
}
