import type { SourceLocation } from "../kernel/result.ts";
import { text, type Text } from "../kernel/text.ts";
import type { Check } from "./check.ts";
import type { Verdict } from "../kernel/check.ts";
import type { CheckContext } from "./context.ts";
import { haltReason } from "../kernel/run-halt.ts";
import { ContainerExitedError } from "../engine/clients/container-exited-error.ts";
import { exitedVerdict } from "./container-exit.ts";

export type RunStatus = "passed" | "failed" | "error" | "skipped";

export interface CheckRun {
  readonly check: Check;
  readonly status: RunStatus;
  readonly message: Text;
  readonly expected?: string;
  readonly actual?: string;
  readonly details?: string;
  readonly location?: SourceLocation;
  /** Share of the points earned, 0..1. */
  readonly credit: number;
  /** Failed because the run was halted under it (budget, disk): the message says why, the check's hint does not apply. */
  readonly halted?: boolean;
  /** The verdict's own hint, shown instead of the check's (a container that exited 127 needs its program, not a USER line). */
  readonly hint?: Text;
  readonly startedAt: Date;
  readonly durationMs: number;
}

/** Thrown by a check when the run is over before it finished. */
class CheckTimeout extends Error {}

/**
 * Runs checks in their suite's order, with the checks that say they are `concurrent` at the same
 * time as their concurrent neighbours: one of them starts once the last check before it that is
 * not concurrent, and its own needs, have finished; a check that is not concurrent starts once
 * every earlier check has finished. The runs come back in the suite's order whatever finished first,
 * and as one at a time would leave them when the run stops midway: every check after the first one
 * still unfinished is not evaluated, even one that finished early beside it.
 *
 * A check whose `needs` did not all pass is skipped with their titles as the reason; a thrown
 * exception is the grader's error, never the student's failure, except the student's container
 * exiting under the check (ContainerExitedError), which fails it with the exit explained; a check
 * over its time budget fails with that message, and its signal tells it to stop.
 */
export async function runChecks(checks: readonly Check[], contextFor: (signal: AbortSignal) => CheckContext, runSignal: AbortSignal): Promise<CheckRun[]> {
  const runOf = new Map<string, Promise<CheckRun>>();
  /** The last check that runs alone: everything after it waits for it. */
  let lastAlone: Promise<unknown> = Promise.resolve();
  /** The concurrent checks started since then: the next check that runs alone waits for them. */
  let sinceLastAlone: Promise<CheckRun>[] = [];
  const runs: Promise<CheckRun>[] = [];
  const finished = checks.map(() => false);
  /** Where the run stood when it stopped: the first check not finished then. */
  let firstUnfinished = checks.length;
  const onStop = () => {
    const index = finished.indexOf(false);
    firstUnfinished = index < 0 ? checks.length : index;
  };
  if (runSignal.aborted) onStop();
  else runSignal.addEventListener("abort", onStop, { once: true });
  for (const [index, check] of checks.entries()) {
    const needs = check.needs.map((id) => runOf.get(id));
    const turn = check.concurrent ? [lastAlone, ...needs] : [lastAlone, ...sinceLastAlone];
    const run = Promise.all(turn).then(async () => {
      const startedAt = new Date();
      const needRuns = await Promise.all(needs);
      const blockers = check.needs.filter((_, i) => needRuns[i]?.status !== "passed");
      if (runSignal.aborted) return skipped(check, startedAt, notEvaluated(runSignal));
      if (blockers.length > 0) return skipped(check, startedAt, skipReason(blockers.map((id) => checks.find((c) => c.id === id)?.title ?? text(id, id))));
      return runOne(check, contextFor, runSignal, startedAt);
    });
    void run.then(() => (finished[index] = true));
    runOf.set(check.id, run);
    runs.push(run);
    if (check.concurrent) sinceLastAlone.push(run);
    else {
      lastAlone = run;
      sinceLastAlone = [];
    }
  }
  const done = await Promise.all(runs);
  runSignal.removeEventListener("abort", onStop);
  return done.map((run, index) => (index > firstUnfinished ? skipped(run.check, run.startedAt, notEvaluated(runSignal)) : run));
}

async function runOne(check: Check, contextFor: (signal: AbortSignal) => CheckContext, runSignal: AbortSignal, startedAt: Date): Promise<CheckRun> {
  const signal = AbortSignal.any([runSignal, AbortSignal.timeout(check.timeoutMs)]);
  const stopped = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new CheckTimeout()), { once: true }));
  stopped.catch(() => undefined);
  const finish = (verdict: Verdict): CheckRun => fromVerdict(check, verdict, startedAt);
  try {
    return finish(await Promise.race([check.run(contextFor(signal)), stopped]));
  } catch (error) {
    if (error instanceof CheckTimeout && !runSignal.aborted) {
      const seconds = Math.round(check.timeoutMs / 1000);
      return finish({
        outcome: "failed",
        message: text(`Pas de réponse en ${seconds} s : la vérification a été arrêtée.`, `No answer within ${seconds} s: the check was stopped.`),
      });
    }
    const halt = haltReason(runSignal);
    if (halt) return { ...finish({ outcome: "failed", message: halt }), halted: true };
    if (runSignal.aborted) return skipped(check, startedAt, CANCELLED);
    if (error instanceof ContainerExitedError) return finish(exitedVerdict(error.exit, "during"));
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      check,
      status: "error",
      message: text(`Erreur du correcteur (pas la vôtre) : ${reason}`, `Grader error (not your fault): ${reason}`),
      credit: 0,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }
}

function fromVerdict(check: Check, verdict: Verdict, startedAt: Date): CheckRun {
  const base = { check, message: verdict.message, startedAt, durationMs: Date.now() - startedAt.getTime() };
  if (verdict.outcome === "passed") return { ...base, status: "passed", credit: 1, ...optional("details", verdict.details) };
  return {
    ...base,
    status: "failed",
    credit: Math.min(1, Math.max(0, verdict.credit ?? 0)),
    ...optional("expected", verdict.expected),
    ...optional("actual", verdict.actual),
    ...optional("details", verdict.details),
    ...(verdict.location === undefined ? {} : { location: verdict.location }),
    ...(verdict.hint === undefined ? {} : { hint: verdict.hint }),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function skipped(check: Check, startedAt: Date, message: Text): CheckRun {
  return { check, status: "skipped", message, credit: 0, startedAt, durationMs: 0 };
}

const CANCELLED = text("Notation interrompue.", "Grading was cancelled.");

/** After the run stopped: why, for the checks that never started. */
function notEvaluated(runSignal: AbortSignal): Text {
  const halt = haltReason(runSignal);
  return halt ? text(`Non évalué : ${halt.fr}`, `Not evaluated: ${halt.en}`) : CANCELLED;
}

function skipReason(blockers: readonly Text[]): Text {
  return text(
    `Non évalué : dépend de « ${blockers.map((b) => b.fr).join(" », « ")} », qui n'a pas réussi.`,
    `Not evaluated: depends on "${blockers.map((b) => b.en).join('", "')}", which did not pass.`,
  );
}
