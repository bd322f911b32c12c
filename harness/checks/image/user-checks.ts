import { isRootUser } from "../../dockerfile/root-user.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { appContainer } from "../shared-setup/app-container.ts";
import { finalStageLocation, lastOf } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";
import { stoppedContainerVerdict } from "./container-verdicts.ts";

const USER_HINT = text(
  "Ajoutez `USER 10001:10001` (un UID numérique non nul) dans l'étape finale, après les COPY, et donnez à cet utilisateur les fichiers dont il a besoin.",
  "Add `USER 10001:10001` (a non-zero numeric UID) to the final stage, after the COPY lines, and give that user the files it needs.",
);

/** The USER line in force, or the final FROM where one belongs. */
const userLine = lastOf("USER");

export function userConfiguredCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "user-configured",
      title: text("USER non-root dans l'image", "Non-root USER in the image"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.dockerignorePinningNonRootUser,
      hint: USER_HINT,
      async run(ctx) {
        const { image } = await ctx.use(imageFacts);
        const user = image.config.User;
        if (!isRootUser(user)) return passed(text(`USER ${user}.`, `USER ${user}.`));
        return failed(text("L'image s'exécute en root (pas de USER, ou USER root).", "The image runs as root (no USER, or USER root)."), {
          expected: "USER <uid non nul / non-zero uid>",
          actual: user === "" ? "(none)" : user,
          location: await finalStageLocation(ctx, userLine),
        });
      },
    },
    overrides,
  );
}

export function userRuntimeCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "user-runtime",
      title: text("Le processus tourne sans être root (`id -u`)", "The process does not run as root (`id -u`)"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.dockerignorePinningNonRootUser,
      hint: USER_HINT,
      async run(ctx) {
        const container = await ctx.use(appContainer);
        const state = await container.state();
        if (!state.running) return stoppedContainerVerdict(container, state);
        const { exitCode, output } = await container.exec(["id", "-u"]);
        const uid = output.trim();
        if (exitCode !== 0 || !/^\d+$/.test(uid)) {
          return failed(text("`id -u` n'a pas pu s'exécuter dans le conteneur.", "`id -u` could not run in the container."), { details: output });
        }
        if (uid !== "0") return passed(text(`Le conteneur tourne avec l'UID ${uid}.`, `The container runs as UID ${uid}.`));
        return failed(text("Le conteneur démarré tourne en root (UID 0).", "The started container runs as root (UID 0)."), {
          expected: "uid != 0",
          actual: "0",
          location: await finalStageLocation(ctx, userLine),
        });
      },
    },
    overrides,
  );
}
