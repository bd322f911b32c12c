import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import type { LintRule, LintRuleDefinition } from "../lint-rule.ts";

/**
 * A Dockerfile the exercise provides and the student left as the starter's copy is not linted:
 * no `check` reads it, the lint's note that stands for it names this rule (harness/lint/provided-dockerfiles.ts).
 */
export const untouchedProvidedRule: LintRuleDefinition = {
  id: "DG3091",
  severity: "info",
  title: text("Un fichier fourni par l'exercice n'est pas relu", "A file the exercise provides is not linted"),
  help: text(
    "L'exercice fournit ce Dockerfile et l'énoncé dit de ne pas le modifier : tant qu'il est identique à celui du starter, le lint ne le relit pas, ses remarques éventuelles ne sont pas les vôtres.",
    "The exercise provides this Dockerfile and the statement says not to change it: while it is the starter's copy, the lint does not read it, and whatever it would say of it is not yours.",
  ),
  course: COURSE.build.instructions,
};

/** A provided Dockerfile the student changed: linted as theirs, and told that the statement says not to. */
export const changedProvidedRule: LintRule = {
  id: "DG3092",
  severity: "warning",
  title: text("Ne pas modifier un fichier fourni par l'exercice", "Do not change a file the exercise provides"),
  help: text(
    "L'énoncé dit de ne pas modifier ce Dockerfile fourni : le correcteur le relit comme le vôtre dès qu'il diffère de celui du starter (les fins de ligne mises à part). Reprenez la version du starter si ce changement n'était pas voulu.",
    "The statement says not to change this provided Dockerfile: the grader reads it as yours once it differs from the starter's (line endings aside). Restore the starter's version if the change was not intended.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    dockerfile.changedProvided
      ? [
          {
            line: 1,
            column: 1,
            message: text(
              "L'énoncé dit de ne pas modifier ce fichier fourni, et il diffère de celui du starter : il est relu comme le vôtre. Reprenez la version fournie si ce changement n'était pas voulu.",
              "The statement says not to change this provided file, and it differs from the starter's: it is read as yours. Restore the provided version if the change was not intended.",
            ),
          },
        ]
      : [],
};
