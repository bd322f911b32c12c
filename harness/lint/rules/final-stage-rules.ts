import { isRootUser } from "../../dockerfile/root-user.ts";
import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { hitAt, type LintHit, type LintRule } from "../lint-rule.ts";
import { shippedInstructions } from "../linted-dockerfile.ts";

/**
 * Rules on what the final image runs with. Only the final stage counts (and the stages it is built
 * FROM): a builder stage may run as root, since none of it ships but the files copied out of it.
 */
export const rootUserRule: LintRule = {
  id: "DG3040",
  peer: "DL3002",
  severity: "warning",
  title: text("L'image finale ne tourne pas en root", "The final image does not run as root"),
  help: text(
    "Sans USER, ou avec `USER root`, le processus du conteneur est root : une faille de l'application donne root dans le conteneur, et sur l'hôte si l'isolation cède. Terminez l'étape finale par `USER 10001:10001` (un UID non nul), après les COPY.",
    "Without USER, or with `USER root`, the container's process is root: a flaw in the application gives root in the container, and on the host if isolation gives way. End the final stage with `USER 10001:10001` (a non-zero UID), after the COPY lines.",
  ),
  course: COURSE.build.dockerignorePinningNonRootUser,
  check: (dockerfile): LintHit[] => {
    if (!dockerfile.finalFrom) return [];
    const user = shippedInstructions(dockerfile, "USER").at(-1);
    if (!user)
      return [
        hitAt(dockerfile.finalFrom, text("L'étape finale n'a pas de USER : l'image tourne en root.", "The final stage has no USER: the image runs as root.")),
      ];
    const name = user.args.trim();
    if (name.startsWith("$") || !isRootUser(name)) return [];
    return [hitAt(user, text(`Le dernier USER de l'image finale est \`${name}\`.`, `The final image's last USER is \`${name}\`.`))];
  },
};

export const missingHealthcheckRule: LintRule = {
  id: "DG3041",
  peer: "DL3057",
  severity: "info",
  title: text("Un HEALTHCHECK dans l'image finale", "A HEALTHCHECK in the final image"),
  help: text(
    "Sans HEALTHCHECK, Docker sait seulement que le processus tourne, pas qu'il répond : Compose ne peut pas attendre un service « healthy ». Ajoutez `HEALTHCHECK CMD …` qui interroge l'application (ou `HEALTHCHECK NONE` si c'est voulu).",
    'Without a HEALTHCHECK, Docker only knows the process runs, not that it answers: Compose cannot wait for a "healthy" service. Add `HEALTHCHECK CMD …` that queries the application (or `HEALTHCHECK NONE` if that is intended).',
  ),
  course: COURSE.build.instructions,
  check: (dockerfile): LintHit[] => {
    if (!dockerfile.finalFrom || shippedInstructions(dockerfile, "HEALTHCHECK").length > 0) return [];
    return [hitAt(dockerfile.finalFrom, text("L'étape finale n'a pas de HEALTHCHECK.", "The final stage has no HEALTHCHECK."))];
  },
};
