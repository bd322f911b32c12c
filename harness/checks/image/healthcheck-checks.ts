import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { appContainer } from "../shared-setup/app-container.ts";
import { finalStageLocation, lastOf } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";
import { stoppedContainerVerdict } from "./container-verdicts.ts";

/** The longest between two looks: the engine's events (container-watch.ts) wake the wait sooner. */
const POLL_MS = 500;
/** The HEALTHCHECK in force (`NONE` included), or the final FROM where one belongs. */
const healthcheckLine = lastOf("HEALTHCHECK");

export function healthcheckDeclaredCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "healthcheck-declared",
      title: text("HEALTHCHECK déclaré", "HEALTHCHECK declared"),
      points: 1,
      needs: ["build"],
      concurrent: true,
      course: COURSE.containers.healthchecks,
      hint: text(
        'Ajoutez par exemple `HEALTHCHECK --interval=5s --timeout=3s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]` dans l\'étape finale.',
        'Add for example `HEALTHCHECK --interval=5s --timeout=3s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]` to the final stage.',
      ),
      async run(ctx) {
        const test = (await ctx.use(imageFacts)).image.config.Healthcheck?.Test ?? [];
        if (test.length > 0 && test[0] !== "NONE") return passed(text(`Sonde : ${test.slice(1).join(" ")}`, `Probe: ${test.slice(1).join(" ")}`));
        return failed(text("L'image ne déclare pas de HEALTHCHECK.", "The image declares no HEALTHCHECK."), {
          location: await finalStageLocation(ctx, healthcheckLine),
        });
      },
    },
    overrides,
  );
}

/** Started as the student configured it, the container reports `healthy` within the budget. */
export function healthcheckHealthyCheck(options: { budgetSeconds: number }, overrides: CheckOverrides = {}) {
  const budget = options.budgetSeconds;
  return defineCheck(
    {
      id: "healthcheck-healthy",
      title: text(`Le conteneur devient healthy en ${budget} s`, `The container becomes healthy within ${budget} s`),
      points: 2,
      needs: ["healthcheck-declared"],
      concurrent: true,
      course: COURSE.containers.healthchecks,
      hint: text(
        "Vérifiez que la sonde vise le bon port et le bon chemin, et que l'outil qu'elle appelle existe dans l'image finale (`docker inspect --format '{{json .State.Health}}' <conteneur>` montre ses sorties). Réduisez --interval pour un premier verdict rapide.",
        "Check that the probe targets the right port and path, and that the tool it calls exists in the final image (`docker inspect --format '{{json .State.Health}}' <container>` shows its output). Lower --interval for a quick first verdict.",
      ),
      timeoutMs: (budget + 30) * 1000,
      async run(ctx) {
        const container = await ctx.use(appContainer);
        using watch = await container.watch(ctx.signal);
        const started = Date.now();
        for (;;) {
          const state = await container.state();
          const waited = Math.round((Date.now() - started) / 1000);
          if (!state.running) return stoppedContainerVerdict(container, state);
          if (state.health.status === "healthy") return passed(text(`Healthy après ${waited} s.`, `Healthy after ${waited} s.`));
          const probes = state.health.log.map((probe) => `exit ${probe.exitCode}: ${probe.output.trim()}`).join("\n");
          if (state.health.status === "unhealthy" || Date.now() - started > budget * 1000) {
            return failed(text(`État « ${state.health.status} » après ${waited} s.`, `Status "${state.health.status}" after ${waited} s.`), {
              expected: `healthy <= ${budget} s`,
              actual: state.health.status,
              details: probes,
              location: await finalStageLocation(ctx, healthcheckLine),
            });
          }
          await watch.next(POLL_MS);
        }
      },
    },
    overrides,
  );
}
