import { text } from "../../kernel/text.ts";
import { ComposeUpError } from "../../engine/clients/compose-client.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { ComposeInvalidError, composeProject } from "../shared-setup/compose-project.ts";
import { ComposeBuildFailedError, composeStack } from "../shared-setup/compose-stack.ts";
import { buildFailureVerdict } from "../image/build-failure.ts";

/** The root of every Compose check: the files resolve (`docker compose config`). */
export function composeValidCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "compose-valid",
      title: text("Le fichier Compose est valide", "The Compose file is valid"),
      points: 1,
      needs: [],
      course: COURSE.compose.composeFile,
      hint: text(
        "Lancez `docker compose config` dans votre dossier : Compose y nomme la clé ou la ligne fautive.",
        "Run `docker compose config` in your folder: Compose names the wrong key or line there.",
      ),
      async run(ctx) {
        try {
          const { model } = await ctx.use(composeProject);
          const services = Object.keys(model.services).sort().join(", ");
          return passed(text(`Services : ${services}.`, `Services: ${services}.`));
        } catch (error) {
          if (error instanceof ComposeInvalidError) {
            return failed(text("`docker compose config` refuse le projet.", "`docker compose config` rejects the project."), { details: error.output });
          }
          throw error;
        }
      },
    },
    overrides,
  );
}

/** The stack builds and starts: `up` waits for every dependency condition the project declares. */
export function stackUpCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "stack-up",
      title: text("La stack se construit et démarre", "The stack builds and starts"),
      points: 2,
      needs: ["compose-valid"],
      course: COURSE.compose.commands,
      hint: text(
        "Reproduisez avec `docker compose up --build` puis `docker compose ps` et `docker compose logs <service>` : le service en échec et sa raison y apparaissent.",
        "Reproduce with `docker compose up --build`, then `docker compose ps` and `docker compose logs <service>`: the failing service and its reason show there.",
      ),
      timeoutMs: 600_000,
      async run(ctx) {
        try {
          const { stack } = await ctx.use(composeStack);
          // A one-shot service that finished its job (exit 0) is fine; one that crashed is not.
          const crashed = (await stack.stopped()).filter((container) => container.exitCode !== 0);
          if (crashed.length > 0) {
            const names = crashed.map((container) => `${container.service} (exit ${container.exitCode})`).join(", ");
            return failed(text(`Service arrêté juste après le démarrage : ${names}.`, `Service stopped right after starting: ${names}.`), {
              expected: "running (or exited 0)",
              actual: names,
              details: crashed.map((container) => `--- ${container.service}\n${container.logTail}`).join("\n"),
              location: await composeLocation(ctx, serviceKey(crashed[0]!.service)),
            });
          }
          return passed(text(`Démarrés : ${stack.serviceNames.join(", ")}.`, `Started: ${stack.serviceNames.join(", ")}.`));
        } catch (error) {
          if (error instanceof ComposeBuildFailedError) {
            return buildFailureVerdict(error.outcome, {
              tooSlow: text("La construction des images ne finit pas dans le temps imparti.", "Building the images does not finish within the time allowed."),
              fails: text("La construction d'une image de service échoue.", "Building a service image fails."),
            });
          }
          if (error instanceof ComposeUpError) {
            return failed(text("`docker compose up` échoue.", "`docker compose up` fails."), { details: error.output });
          }
          throw error;
        }
      },
    },
    overrides,
  );
}
