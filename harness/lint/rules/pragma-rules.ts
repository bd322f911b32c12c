import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import { BUILDKIT_CHECKS } from "../buildkit-checks.ts";
import { readCheckDirective } from "../check-directive.ts";
import { isUnknownCode, readIgnorePragmas } from "../ignore-pragmas.ts";
import type { LintHit, LintRule, LintRuleDefinition } from "../lint-rule.ts";

/**
 * A pragma that names no rule silences nothing, and the student believes otherwise. Given the rule
 * set lazily, since it is itself one of them.
 */
export function unknownPragmaCodeRule(rules: () => readonly LintRuleDefinition[]): LintRule {
  return {
    id: "DG3090",
    severity: "warning",
    title: text("Un commentaire `ignore=` nomme des règles qui existent", "An `ignore=` comment names rules that exist"),
    help: text(
      "`# hadolint ignore=DL3009` ne fait taire que les codes de hadolint (DL…, SC…) ; nos règles (DG…) se font taire par `# dockgrade ignore=DG3010`, sur la ligne juste avant l'instruction (ou `# dockgrade global ignore=…` pour tout le fichier). Un code mal écrit ne fait rien taire : corrigez-le ou supprimez le commentaire.",
      "`# hadolint ignore=DL3009` silences hadolint's codes only (DL…, SC…); our rules (DG…) are silenced by `# dockgrade ignore=DG3010`, on the line right before the instruction (or `# dockgrade global ignore=…` for the whole file). A misspelt code silences nothing: fix it or remove the comment.",
    ),
    course: COURSE.build.instructions,
    check: (dockerfile) =>
      readIgnorePragmas(dockerfile.source).flatMap((pragma) =>
        pragma.codes
          .filter(({ code }) => isUnknownCode(pragma, code, rules()))
          .map(
            ({ code, column }): LintHit => ({
              line: pragma.line,
              column,
              message:
                pragma.tool === "hadolint" && rules().some((rule) => rule.id === code)
                  ? text(
                      `hadolint ne connaît pas \`${code}\`, une règle de dockgrade : écrivez \`# dockgrade ignore=${code}\`.`,
                      `hadolint does not know \`${code}\`, a dockgrade rule: write \`# dockgrade ignore=${code}\`.`,
                    )
                  : text(
                      `\`${code}\` n'est pas un code de ${pragma.tool} : ce commentaire ne fait rien taire.`,
                      `\`${code}\` is not a ${pragma.tool} code: this comment silences nothing.`,
                    ),
            }),
          ),
      ),
  };
}

/** BuildKit fails the build on a `# check=` directive it cannot read: before the build, we say where. */
export const invalidCheckDirectiveRule: LintRule = {
  id: "DG3093",
  severity: "error",
  title: text("Une directive `# check=` que BuildKit sait lire", "A `# check=` directive BuildKit can read"),
  help: text(
    "En tête du Dockerfile, `# check=` n'accepte que `skip=Nom1,Nom2` (ou `skip=all`) et `error=true|false`, séparés par `;` : BuildKit refuse toute autre option et la construction échoue. Corrigez l'option ou supprimez la directive.",
    "At the top of the Dockerfile, `# check=` takes only `skip=Name1,Name2` (or `skip=all`) and `error=true|false`, joined by `;`: BuildKit refuses any other option and the build fails. Fix the option or remove the directive.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    readCheckDirective(dockerfile)
      .problems.filter((problem) => problem.kind === "invalid")
      .map(
        ({ written, line, column }): LintHit => ({
          line,
          column,
          message: text(
            `BuildKit refuse l'option \`${written}\` de la directive check : la construction échouera.`,
            `BuildKit refuses the check directive's option \`${written}\`: the build will fail.`,
          ),
        }),
      ),
};

/** BuildKit ignores a check name it does not know: the student believes it silenced something. */
export const unknownCheckNameRule: LintRule = {
  id: "DG3094",
  severity: "warning",
  title: text("`# check=skip=` nomme des vérifications de BuildKit", "`# check=skip=` names BuildKit's checks"),
  help: text(
    "`# check=skip=` prend les noms des vérifications de BuildKit, avec leur casse (`JSONArgsRecommended`, `StageNameCasing`…) ; un nom inconnu ou mal écrit est ignoré et ne fait rien taire. Nos règles (DG…) se font taire par `# dockgrade ignore=`.",
    "`# check=skip=` takes the names of BuildKit's checks, case included (`JSONArgsRecommended`, `StageNameCasing`…); an unknown or misspelt name is ignored and silences nothing. Our rules (DG…) are silenced by `# dockgrade ignore=`.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    readCheckDirective(dockerfile)
      .problems.filter((problem) => problem.kind === "unknown")
      .map(({ written, line, column }): LintHit => {
        const meant = BUILDKIT_CHECKS.find((name) => name.toLowerCase() === written.toLowerCase());
        return {
          line,
          column,
          message: meant
            ? text(
                `BuildKit ne connaît pas \`${written}\` : écrivez \`${meant}\`, avec sa casse.`,
                `BuildKit does not know \`${written}\`: write \`${meant}\`, case included.`,
              )
            : text(
                `\`${written}\` n'est pas une vérification de BuildKit : ce nom ne fait rien taire.`,
                `\`${written}\` is not one of BuildKit's checks: this name silences nothing.`,
              ),
        };
      }),
};
