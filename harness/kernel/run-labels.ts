import { hostname } from "node:os";

/**
 * Labels put on everything a grading run creates. The run label lets one run clean up after itself
 * and lets a sweep remove what a crashed run left; base images built offline carry their own label
 * and are a cache, not run leftovers.
 */
export const RUN_LABEL = "dockgrade.run";
export const EXERCISE_LABEL = "dockgrade.exercise";
export const BASE_IMAGE_LABEL = "dockgrade.base-image";
/**
 * The machine the run was started from. Whether a run is still alive can only be asked on that
 * machine (harness/grading/run-lease.ts); a shared engine holds other machines' runs too.
 */
export const HOST_LABEL = "dockgrade.host";

export type Labels = Readonly<Record<string, string>>;

export function runLabels(runId: string, exerciseId: string): Labels {
  return { [RUN_LABEL]: runId, [EXERCISE_LABEL]: exerciseId, [HOST_LABEL]: hostname() };
}

/** The Compose project of a run: every object Compose names carries the run id. */
export function composeProjectName(runId: string): string {
  return `dockgrade-${runId}`;
}
