/**
 * Labels put on everything a grading run creates. The run label lets one run clean up after itself
 * and lets a sweep remove what a crashed run left; base images built offline carry their own label
 * and are a cache, not run leftovers.
 */
export const RUN_LABEL = "dockgrade.run";
export const EXERCISE_LABEL = "dockgrade.exercise";
export const BASE_IMAGE_LABEL = "dockgrade.base-image";

export type Labels = Readonly<Record<string, string>>;

export function runLabels(runId: string, exerciseId: string): Labels {
  return { [RUN_LABEL]: runId, [EXERCISE_LABEL]: exerciseId };
}
