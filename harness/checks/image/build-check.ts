import type { Exercise } from "../../exercise/exercise.ts";
import { text } from "../../kernel/text.ts";
import { passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { BuildFailedError, builtImage } from "../shared-setup/built-image.ts";
import { dockerfileLines } from "../shared-setup/dockerfile-lines.ts";
import { buildFailureVerdict } from "./build-failure.ts";
import { formatSeconds } from "./units.ts";

/** The root of every image check: the Dockerfile builds with BuildKit within the exercise's budget. */
export function buildCheck(exercise: Exercise, overrides: CheckOverrides = {}) {
  if (!exercise.build) throw new Error(`buildCheck: exercise ${exercise.id} has no build section`);
  const budget = exercise.build.timeoutSeconds;
  return defineCheck(
    {
      id: "build",
      title: text("L'image se construit avec BuildKit", "The image builds with BuildKit"),
      points: 2,
      needs: [],
      course: COURSE.build.instructions,
      hint: text(
        "Lisez la fin du journal de construction : l'étape en erreur y est nommée. Reproduisez avec `docker buildx build .` dans votre dossier.",
        "Read the end of the build log: the failing step is named there. Reproduce with `docker buildx build .` in your folder.",
      ),
      // The build enforces its own budget; this only guards against a stuck engine.
      timeoutMs: (budget + 60) * 1000,
      async run(ctx) {
        try {
          const image = await ctx.use(builtImage);
          return passed(text(`Image construite en ${formatSeconds(image.durationMs)}.`, `Image built in ${formatSeconds(image.durationMs)}.`));
        } catch (error) {
          if (!(error instanceof BuildFailedError)) throw error;
          return buildFailureVerdict(
            error.outcome,
            {
              tooSlow: text(`La construction dépasse ${budget} s.`, `The build takes longer than ${budget} s.`),
              fails: text("La construction échoue.", "The build fails."),
            },
            (await ctx.use(dockerfileLines))?.file,
          );
        }
      },
    },
    overrides,
  );
}
