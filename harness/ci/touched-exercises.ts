import { byCodeUnits } from "../kernel/code-unit-order.ts";

/** An exercise whose starter a branch changed: the student's work to grade. */
export interface TouchedExercise {
  /** e.g. `05-build/01-multi-stage` */
  readonly id: string;
  /** The submission's folder relative to the repository root, e.g. `exercises/05-build/01-multi-stage/starter`. */
  readonly root: string;
  /** The changed paths inside it, relative to the repository root, sorted. */
  readonly changed: readonly string[];
}

// exercises/<chapter>/<exercise>/starter/<something>: only the starter is the student's; solution/,
// the statement and the graders/ folder are the course's, and changing them grades nothing.
const STARTER_FILE = /^exercises\/([^/]+\/[^/]+)\/starter\/.+$/;

/**
 * The exercises a pull request touches, from the paths `git diff --name-only` lists (relative to the
 * repository root, with `/`): each known exercise with a changed file in its starter, once, sorted by
 * id. Paths outside any exercise, and folders that look like one but are not in the catalog, are ignored.
 * Pure: no git, no file system, so every case is a unit test.
 */
export function touchedExercises(changedPaths: readonly string[], knownIds: readonly string[]): TouchedExercise[] {
  const known = new Set(knownIds);
  const byId = new Map<string, Set<string>>();
  for (const path of changedPaths) {
    const id = STARTER_FILE.exec(path)?.[1];
    if (id === undefined || !known.has(id)) continue;
    byId.set(id, (byId.get(id) ?? new Set()).add(path));
  }
  return [...byId.entries()].sort(([a], [b]) => byCodeUnits(a, b)).map(([id, paths]) => ({ id, root: `exercises/${id}/starter`, changed: [...paths].sort() }));
}

/** The folder of an exercise's reports under `--out`: its id with `/` as `-`, e.g. `05-build-01-multi-stage`. */
export function reportFolderName(exerciseId: string): string {
  return exerciseId.replaceAll("/", "-");
}
