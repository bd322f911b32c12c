import type { RunningContainer } from "../engine/clients/container-client.ts";
import { ContainerExitedError } from "../engine/clients/container-exited-error.ts";
import { failed, type Verdict } from "../kernel/check.ts";
import { explainExit, exitHint, type ExitFacts } from "../kernel/exit-explanation.ts";
import { text } from "../kernel/text.ts";

/** What a check knows of a container that is not running: how it ended, and what it said last. */
export interface StoppedContainer extends ExitFacts {
  /** The engine's `State.Status` when known: `paused` is not an exit. */
  readonly status?: string;
  readonly logTail: string;
}

/**
 * The student's container was down when a check looked (`before`) or went down under it
 * (`during`): a failed verdict that explains the exit code and shows the last log lines, never
 * the grader's error. Where the code points at the fix (127: the program or its libraries are
 * missing), its hint replaces the check's own.
 */
export function exitedVerdict(container: StoppedContainer, moment: "before" | "during"): Verdict {
  const hint = exitHint(container);
  const evidence = {
    expected: "running",
    actual: actualOf(container),
    details: [container.startError ? `engine: ${container.startError}` : "", container.logTail ? `--- last logs ---\n${container.logTail}` : "(no log)"]
      .filter(Boolean)
      .join("\n"),
    ...(hint ? { hint } : {}),
  };
  if (container.status === "paused") {
    return failed(
      text("Le conteneur est en pause (`docker pause`) : il ne répond plus.", "The container is paused (`docker pause`): it no longer answers."),
      evidence,
    );
  }
  const why = explainExit(container);
  return failed(
    moment === "before"
      ? text(`Le conteneur s'est arrêté au lieu de rester en marche (${why.fr}).`, `The container stopped instead of staying up (${why.en}).`)
      : text(`Le conteneur s'est arrêté pendant la vérification (${why.fr}).`, `The container stopped during the check (${why.en}).`),
    evidence,
  );
}

function actualOf(container: StoppedContainer): string {
  if (container.status === "paused") return "paused";
  if (container.exitCode === undefined) return "removed";
  return `exited ${container.exitCode}${container.oomKilled ? " (OOMKilled)" : ""}`;
}

/**
 * Throws the container's exit when it is no longer running: after a probe of the grader's that
 * failed, to tell the container dying under it (the student's result) from the probe's own fault.
 */
export async function throwIfExited(container: RunningContainer, operation: string): Promise<void> {
  const state = await container.state();
  if (state.running) return;
  const logTail = await container.logs({ tail: 20 });
  throw new ContainerExitedError({ containerId: container.id, status: "exited", ...state, logTail }, operation);
}
