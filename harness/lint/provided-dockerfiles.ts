import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Exercise } from "../exercise/exercise.ts";
import type { FindingInput } from "../kernel/findings.ts";
import { text } from "../kernel/text.ts";
import { untouchedProvidedRule } from "./rules/provided-rules.ts";

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
    rule: untouchedProvidedRule.id,
    severity: untouchedProvidedRule.severity,
    message: text(
      "Fichier fourni par l'exercice et inchangé : il n'est pas relu par le lint, ses remarques ne vous concernent pas.",
      "A file the exercise provides, unchanged: the lint does not read it, its remarks are not yours.",
    ),
    file,
    line: 1,
    column: 1,
    course: untouchedProvidedRule.course,
  };
}

function normalized(source: string): string {
  return source.replace(/\r\n/g, "\n");
}
