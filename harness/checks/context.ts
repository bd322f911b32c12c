import type { Engine } from "../engine/engine.ts";
import type { Exercise } from "../exercise/exercise.ts";
import type { Submission } from "../submission/submission.ts";
import type { ResourceScope } from "./resource-scope.ts";
import type { RunFindings } from "./run-findings.ts";

export interface CheckContext {
  readonly runId: string;
  readonly exercise: Exercise;
  readonly submission: Submission;
  readonly engine: Engine;
  /** Aborts when this check's time is up or the run is cancelled. */
  readonly signal: AbortSignal;
  /** Where a check reports findings (lint, secrets, waste) and image analyses for the result. */
  readonly findings: RunFindings;
  /** The shared thing a fixture sets up, once per run (the built image, a started container...). */
  use<T>(fixture: Fixture<T>): Promise<T>;
}

export interface FixtureContext extends Omit<CheckContext, "signal"> {
  /** The run's signal: a fixture outlives the check that first asked for it. */
  readonly signal: AbortSignal;
  /** Where the fixture registers its teardown. */
  readonly scope: ResourceScope;
}

/**
 * Something several checks share, set up on first use and torn down with the run. Identity is the
 * object itself: define fixtures as module constants or memoize their factories.
 */
export interface Fixture<T> {
  readonly name: string;
  setUp(ctx: FixtureContext): Promise<T>;
}

/** Memoizes fixtures for one run; a failed set-up is remembered too, so it is not retried per check. */
export class FixtureCache {
  private readonly values = new Map<Fixture<unknown>, Promise<unknown>>();

  constructor(private readonly ctx: FixtureContext) {}

  use<T>(fixture: Fixture<T>): Promise<T> {
    let value = this.values.get(fixture) as Promise<T> | undefined;
    if (!value) {
      value = fixture.setUp(this.ctx);
      // The failure is reported by the check that awaits it; this keeps Node from calling it unhandled.
      value.catch(() => undefined);
      this.values.set(fixture, value);
    }
    return value;
  }
}
