import { Arg, Env, type Property } from "dockerfile-ast";
import { findSecretAssignments } from "../../secrets/secret-detector.ts";
import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";

/**
 * No hadolint rule reads names; BuildKit's own build check `SecretsUsedInArgOrEnv` is the nearest
 * peer. The names are the no-secrets check's (`DB_PASSWORD_FILE` points to a secret, it is not one).
 */
export const secretInArgOrEnvRule: LintRule = {
  id: "DG3050",
  severity: "error",
  title: text("Pas de secret dans ARG ni ENV", "No secret in ARG or ENV"),
  help: text(
    "Une valeur d'ENV est dans la configuration de l'image (`docker inspect`), une valeur d'ARG dans son historique (`docker history`) : toute personne qui tire l'image la lit. Au build, montez le secret (`RUN --mount=type=secret,id=…`) ; à l'exécution, passez-le par un fichier (`*_FILE=/run/secrets/…`).",
    "An ENV value is in the image's configuration (`docker inspect`), an ARG value in its history (`docker history`): anyone who pulls the image reads it. At build time, mount the secret (`RUN --mount=type=secret,id=…`); at run time, pass it as a file (`*_FILE=/run/secrets/…`).",
  ),
  course: COURSE.security.secretsManagement,
  check: (dockerfile) =>
    dockerfile.instructions.flatMap((instruction): LintHit[] => {
      const { node } = instruction;
      const properties = node instanceof Env ? node.getProperties() : node instanceof Arg ? [node.getProperty()].filter((property) => property !== null) : [];
      return properties.flatMap((property) => {
        const [found] = findSecretAssignments(instruction.keyword, [[property.getName(), unquotedValue(property)]]);
        if (!found) return [];
        const start = property.getNameRange().start;
        return [
          {
            line: start.line + 1,
            column: start.character + 1,
            message: text(
              `\`${instruction.keyword} ${found.excerpt}\` met un secret dans l'image.`,
              `\`${instruction.keyword} ${found.excerpt}\` puts a secret in the image.`,
            ),
          },
        ];
      });
    }),
};

/** The value as the builder reads it, quotes removed; empty for `ARG NAME` without a default. */
function unquotedValue(property: Property): string {
  return (property.getValue() ?? "").replace(/^(["'])(.*)\1$/s, "$2");
}
