import { runLabels } from "../../kernel/run-labels.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { ShipPlan } from "./ship-types.ts";

/** `docker load` of the archive gives back the image under every required tag. */
export function archiveLoadsCheck(plan: ShipPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "archive-loads",
      title: text("`docker load` rend l'image et ses tags", "`docker load` gives the image and its tags back"),
      points: 2,
      needs: ["archive-structure", "archive-tags"],
      course: COURSE.images.saveLoad,
      hint: text(
        "Essayez sur une autre machine (ou après `docker rmi`) : `docker load -i archive.tar`, puis `docker images` doit montrer chaque tag de la version.",
        "Try on another machine (or after `docker rmi`): `docker load -i archive.tar`, then `docker images` must list every tag of the release.",
      ),
      timeoutMs: 120_000,
      async run(ctx) {
        const { repository } = await ctx.use(plan.shipped);
        const outcome = await ctx.use(plan.loaded);
        if (!outcome.loaded) return failed(outcome.reason, outcome.output === undefined ? {} : { details: outcome.output });
        const required = plan.requiredRefs(repository);
        const missing = required.filter((ref) => !outcome.refs.includes(ref));
        const shown = (refs: readonly string[]) => refs.map((ref) => ref.replace(repository, "$REPOSITORY")).join(", ");
        if (missing.length === 0) return passed(text(`Chargée : ${shown(outcome.refs)}.`, `Loaded: ${shown(outcome.refs)}.`), outcome.output);
        return failed(
          text(
            `Après docker load, ces tags ne désignent pas l'image : ${shown(missing)}.`,
            `After docker load, these tags do not name the image: ${shown(missing)}.`,
          ),
          {
            expected: shown(required),
            actual: shown(outcome.refs) || "(none)",
            details: outcome.output,
          },
        );
      },
    },
    overrides,
  );
}

/** A container of the loaded release tag runs its default command to the expected output, exit 0. */
export function archiveRunsCheck(plan: ShipPlan, options: { expectOutput: string }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "archive-runs",
      title: text("L'image chargée tourne", "The loaded image runs"),
      points: 1,
      needs: ["archive-loads"],
      course: COURSE.images.saveLoad,
      hint: text(
        `\`docker run --rm "$REPOSITORY:${plan.tags[0]}"\` doit afficher « ${options.expectOutput} » et finir avec le code 0.`,
        `\`docker run --rm "$REPOSITORY:${plan.tags[0]}"\` must print "${options.expectOutput}" and end with code 0.`,
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const { repository } = await ctx.use(plan.shipped);
        const [ref] = plan.requiredRefs(repository);
        if (ref === undefined) throw new Error("archive-runs: the plan has no tag");
        // No command: the image's own ENTRYPOINT and CMD, as `docker run` would start it.
        const run = await ctx.engine.containers.runOnce({
          image: ref,
          command: [],
          labels: runLabels(ctx.runId, ctx.exercise.id),
          networkMode: "none",
          timeoutMs: 30_000,
        });
        if (run.exitCode === 0 && run.output.includes(options.expectOutput))
          return passed(text("Le conteneur affiche le message attendu.", "The container prints the expected message."), run.output);
        return failed(text(`Le conteneur finit avec le code ${run.exitCode}.`, `The container ends with code ${run.exitCode}.`), {
          expected: `exit 0, "${options.expectOutput}"`,
          actual: `exit ${run.exitCode}, ${JSON.stringify(run.output.slice(0, 200))}`,
        });
      },
    },
    overrides,
  );
}
