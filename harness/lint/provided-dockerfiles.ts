import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Exercise } from "../exercise/exercise.ts";
import { COURSE } from "../kernel/course-outline.ts";
import type { FindingInput } from "../kernel/findings.ts";
import { text } from "../kernel/text.ts";

/**
 * A Dockerfile the exercise provides (exercise.yaml `submission.provided`) is the course's, not the
 * student's: `untouched` when it reads as the starter's copy (line endings aside, which git may
 * change on checkout), `changed` when it does not, `own` when the exercise does not provide it or
 * its starter has no copy to compare with.
 */
export async function providedState(exercise: Exercise, file: string, source: string): Promise<"own" | "untouched" | "changed"> {
  if (!exercise.submission.provided?.includes(file)) return "own";
  const starter = await readFile(join(exercise.dir, "starter", file), "utf8").catch(() => undefined);
  if (starter === undefined) return "own";
  return normalized(starter) === normalized(source) ? "untouched" : "changed";
}

/** The note that stands for a provided Dockerfile's lint: the report says why it has none. */
export function skippedAsProvided(file: string): FindingInput {
  return {
    kind: "lint",
    rule: "DG3091",
    severity: "info",
    message: text(
      "Fichier fourni par l'exercice et inchangé : il n'est pas relu par le lint, ses remarques ne vous concernent pas.",
      "A file the exercise provides, unchanged: the lint does not read it, its remarks are not yours.",
    ),
    file,
    line: 1,
    column: 1,
    course: COURSE.build.instructions,
  };
}

/** A provided Dockerfile the student changed: linted as theirs, and told that the statement says not to. */
export function changedProvided(file: string): FindingInput {
  return {
    kind: "lint",
    rule: "DG3092",
    severity: "warning",
    message: text(
      "L'énoncé dit de ne pas modifier ce fichier fourni, et il diffère de celui du starter : il est relu comme le vôtre. Reprenez la version fournie si ce changement n'était pas voulu.",
      "The statement says not to change this provided file, and it differs from the starter's: it is read as yours. Restore the provided version if the change was not intended.",
    ),
    file,
    line: 1,
    column: 1,
    course: COURSE.build.instructions,
  };
}

function normalized(source: string): string {
  return source.replace(/\r\n/g, "\n");
}
