import { relative, sep } from "node:path";
import { failed, passed } from "../../harness/kernel/check.ts";
import { COURSE } from "../../harness/kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../../harness/checks/define-check.ts";
import { text } from "../../harness/kernel/text.ts";
import { measureContext } from "../../harness/engine/build/build-context.ts";

/**
 * Chapter 10: the build context holds what the build needs and nothing else. Measured as BuildKit
 * sends it (`.dockerignore` applied) with the sandbox's own walk, capped at the budget: a context
 * over it names its heaviest entries, which is where the `.dockerignore` must act.
 */
export function contextSizeCheck(options: { maxKilobytes: number }, overrides: CheckOverrides = {}) {
  const budgetBytes = options.maxKilobytes * 1000;
  return defineCheck(
    {
      id: "context-size",
      title: text(`Contexte de build de ${options.maxKilobytes} Ko au plus`, `Build context of at most ${options.maxKilobytes} kB`),
      points: 2,
      needs: [],
      course: COURSE.build.dockerignorePinningNonRootUser,
      hint: text(
        "Tout ce que `.dockerignore` n'exclut pas est envoyé au moteur à chaque build. Le plus sûr est une liste blanche : `*` pour tout exclure, puis `!src/server.c` pour ce dont le build a besoin.",
        "Whatever `.dockerignore` does not exclude is sent to the engine on every build. The safest is an allow-list: `*` to exclude everything, then `!src/server.c` for what the build needs.",
      ),
      async run(ctx) {
        const { root, contextDir, dockerfile } = ctx.submission;
        if (!contextDir) throw new Error(`exercise ${ctx.exercise.id} has no build context to measure`);
        const measure = await measureContext(contextDir, dockerfile, { bytes: budgetBytes, entries: 20_000 });
        if (measure.within) {
          return passed(
            text(
              `Contexte : ${kilobytes(measure.bytes)} en ${measure.entries} entrées.`,
              `Context: ${kilobytes(measure.bytes)} in ${measure.entries} entries.`,
            ),
          );
        }
        const heaviest = measure.biggest.map((entry) => `${entry.path}: ${kilobytes(entry.bytes)}`).join("\n");
        return failed(
          text(
            `Le contexte de build dépasse ${kilobytes(budgetBytes)} (compté jusqu'à ${kilobytes(measure.countedBytes)}).`,
            `The build context is over ${kilobytes(budgetBytes)} (counted up to ${kilobytes(measure.countedBytes)}).`,
          ),
          {
            expected: `<= ${kilobytes(budgetBytes)}`,
            actual: `> ${kilobytes(measure.countedBytes)}`,
            details: heaviest,
            location: { file: relative(root, `${contextDir}${sep}.dockerignore`).split(sep).join("/") },
          },
        );
      },
    },
    overrides,
  );
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
