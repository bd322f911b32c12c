/** How a container ended after `docker stop -t <grace>`. */
export type StopOutcome =
  | { readonly kind: "clean" }
  /** Still running when the grace period ran out: the engine sent SIGKILL. */
  | { readonly kind: "killed-after-grace" }
  /** SIGKILL straight away: the configured stop signal is SIGKILL. */
  | { readonly kind: "killed-at-once" }
  /** Ended by the stop signal itself (default action, e.g. under an init): the work in hand is lost. */
  | { readonly kind: "died-of-signal"; readonly signal: number }
  | { readonly kind: "error-exit"; readonly exitCode: number };

/** Exit codes above 128 are 128 + the signal that ended the process (137 = SIGKILL, 143 = SIGTERM). */
export function classifyStop(exitCode: number, elapsedMs: number, graceSeconds: number): StopOutcome {
  if (exitCode === 0) return { kind: "clean" };
  if (exitCode === 137) return elapsedMs >= graceSeconds * 1000 - 500 ? { kind: "killed-after-grace" } : { kind: "killed-at-once" };
  if (exitCode > 128 && exitCode < 160) return { kind: "died-of-signal", signal: exitCode - 128 };
  return { kind: "error-exit", exitCode };
}

const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  6: "SIGABRT",
  9: "SIGKILL",
  10: "SIGUSR1",
  12: "SIGUSR2",
  15: "SIGTERM",
};

export function signalName(signal: number): string {
  return SIGNAL_NAMES[signal] ?? `signal ${signal}`;
}
