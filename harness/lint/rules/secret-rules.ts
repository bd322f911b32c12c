import { Arg, Env, type Property } from "dockerfile-ast";
import { mask } from "../../secrets/secret-detector.ts";
import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";

/**
 * Whole words of a name, as BuildKit's build check `SecretsUsedInArgOrEnv` reads them (`git_key`,
 * `AWS_SECRET_ACCESS_KEY`; not AUTHOR nor MONKEY), with `pass` added. A `PUBLIC` word is BuildKit's
 * exemption; `DB_PASSWORD_FILE` points to a secret, it is not one.
 */
const SECRET_WORD = /(^|_)(pass|password|passwd|pword|secret|token|apikey|key|credentials?|auth)(_|$)/i;
const NOT_A_SECRET = /(^|_)public(_|$)|_(FILE|PATH|DIR)$/i;

/**
 * No hadolint rule reads names; BuildKit's `SecretsUsedInArgOrEnv` is the nearest peer. An ARG is
 * flagged with or without a default: a value given with `--build-arg` is in the image's history
 * all the same. An ENV is flagged when it holds a value, other than a path.
 */
export const secretInArgOrEnvRule: LintRule = {
  id: "DG3050",
  buildkit: "SecretsUsedInArgOrEnv",
  severity: "error",
  title: text("Pas de secret dans ARG ni ENV", "No secret in ARG or ENV"),
  help: text(
    "Une valeur d'ENV est dans la configuration de l'image (`docker inspect`), une valeur d'ARG dans son historique (`docker history`), qu'elle vienne du Dockerfile ou de `--build-arg` : toute personne qui tire l'image la lit. Au build, montez le secret (`RUN --mount=type=secret,id=…`) ; à l'exécution, passez-le par un fichier (`*_FILE=/run/secrets/…`).",
    "An ENV value is in the image's configuration (`docker inspect`), an ARG value in its history (`docker history`), whether it comes from the Dockerfile or from `--build-arg`: anyone who pulls the image reads it. At build time, mount the secret (`RUN --mount=type=secret,id=…`); at run time, pass it as a file (`*_FILE=/run/secrets/…`).",
  ),
  course: COURSE.security.secretsManagement,
  check: (dockerfile) =>
    dockerfile.instructions.flatMap((instruction): LintHit[] => {
      const { node } = instruction;
      const properties = node instanceof Env || node instanceof Arg ? node.getProperties() : [];
      return properties.flatMap((property) => {
        const name = property.getName();
        const value = unquotedValue(property);
        if (!SECRET_WORD.test(name) || NOT_A_SECRET.test(name)) return [];
        if (node instanceof Env && (value.trim() === "" || value.startsWith("/"))) return [];
        const start = property.getNameRange().start;
        const written = value === "" ? name : `${name}=${mask(value)}`;
        return [
          {
            line: start.line + 1,
            column: start.character + 1,
            message:
              value === ""
                ? text(
                    `\`${instruction.keyword} ${written}\` attend un secret par \`--build-arg\` : il resterait dans l'historique de l'image.`,
                    `\`${instruction.keyword} ${written}\` expects a secret through \`--build-arg\`: it would stay in the image's history.`,
                  )
                : text(
                    `\`${instruction.keyword} ${written}\` met un secret dans l'image.`,
                    `\`${instruction.keyword} ${written}\` puts a secret in the image.`,
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
