import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
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
