import type { FixtureRecord } from "../kernel/fixture.ts";
import type { Engine } from "../engine/engine.ts";
import type { Exercise } from "../exercise/exercise.ts";
import type { PreflightPlan } from "../preflight/preflight-plan.ts";
import type { Submission } from "../submission/submission.ts";
import type { ResourceScope } from "../kernel/resource-scope.ts";
import type { RunFindings } from "../kernel/findings.ts";

export interface CheckContext {
  readonly runId: string;
  readonly exercise: Exercise;
  readonly submission: Submission;
  /** What the preflight read and resolved before the checks: the Compose model and files, the Dockerfiles. */
  readonly preflight: PreflightPlan;
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

/** Something several checks share, set up on first use and torn down with the run. */
export type Fixture<T> = FixtureRecord<T, FixtureContext>;
