import { text } from "../../kernel/text.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { finalStageLocation } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";
import { formatMegabytes } from "./units.ts";

const MULTI_STAGE_HINT = text(
  "Compilez dans une étape `AS build`, puis repartez d'une petite image (`FROM busybox`) et copiez seulement le binaire avec `COPY --from=build`.",
  "Compile in an `AS build` stage, then start again from a small image (`FROM busybox`) and copy only the binary with `COPY --from=build`.",
);

/**
 * Within budget: full marks; within twice the budget: half, since the lesson is half learnt. Over
 * it, the final stage's FROM is at fault: the image is what that stage starts from and adds.
 */
async function budgetVerdict(ctx: CheckContext, actualBytes: number, budgetBytes: number, what: { fr: string; en: string }): Promise<Verdict> {
  const actual = formatMegabytes(actualBytes);
  const expected = `<= ${formatMegabytes(budgetBytes)}`;
  if (actualBytes <= budgetBytes) return passed(text(`${what.fr} : ${actual}.`, `${what.en}: ${actual}.`));
  return failed(
    text(
      `${what.fr} : ${actual}, au-delà du budget de ${formatMegabytes(budgetBytes)}.`,
      `${what.en}: ${actual}, over the ${formatMegabytes(budgetBytes)} budget.`,
    ),
    {
      expected,
      actual,
      credit: actualBytes <= 2 * budgetBytes ? 0.5 : 0,
      location: await finalStageLocation(ctx),
    },
  );
}

export function imageSizeCheck(options: { maxMegabytes: number }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "image-size",
      title: text(`Image finale de ${options.maxMegabytes} MB au plus`, `Final image of at most ${options.maxMegabytes} MB`),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.multiStage,
      hint: MULTI_STAGE_HINT,
      async run(ctx) {
        const { image } = await ctx.use(imageFacts);
        return budgetVerdict(ctx, image.size, options.maxMegabytes * 1_000_000, { fr: "Taille de l'image", en: "Image size" });
      },
    },
    overrides,
  );
}

export function sizeOverBaseCheck(options: { maxMegabytes: number }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "size-over-base",
      title: text(`Au plus ${options.maxMegabytes} MB ajoutés à l'image de base`, `At most ${options.maxMegabytes} MB added over the base image`),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.performance.layersAndCache,
      hint: text(
        "Ne copiez dans l'image finale que ce qui sert à l'exécution ; les outils de compilation et les caches restent dans l'étape de build.",
        "Copy into the final image only what runs; build tools and caches stay in the build stage.",
      ),
      async run(ctx) {
        const { image, base } = await ctx.use(imageFacts);
        const added = image.size - (base?.size ?? 0);
        const label = base
          ? { fr: `Ajouté à ${base.ref}`, en: `Added over ${base.ref}` }
          : { fr: "Ajouté (image partie de zéro)", en: "Added (image built from scratch)" };
        return budgetVerdict(ctx, added, options.maxMegabytes * 1_000_000, label);
      },
    },
    overrides,
  );
}

export function layerCountCheck(options: { maxLayers: number }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "layer-count",
      title: text(`${options.maxLayers} couches au plus`, `At most ${options.maxLayers} layers`),
      points: 1,
      needs: ["build"],
      concurrent: true,
      course: COURSE.performance.layersAndCache,
      hint: text(
        "Chaque RUN, COPY et ADD ajoute une couche : regroupez les commandes liées dans un seul RUN (avec &&) et laissez la compilation dans l'étape de build.",
        "Every RUN, COPY and ADD adds a layer: group related commands in one RUN (with &&) and keep compiling in the build stage.",
      ),
      async run(ctx) {
        const { image, base } = await ctx.use(imageFacts);
        const count = image.layers.length;
        const fromBase = base ? ` (${base.layerCount} de ${base.ref})` : "";
        const fromBaseEn = base ? ` (${base.layerCount} from ${base.ref})` : "";
        if (count <= options.maxLayers) return passed(text(`${count} couches${fromBase}.`, `${count} layers${fromBaseEn}.`));
        return failed(text(`${count} couches${fromBase}.`, `${count} layers${fromBaseEn}.`), {
          expected: `<= ${options.maxLayers}`,
          actual: String(count),
          location: await finalStageLocation(ctx),
        });
      },
    },
    overrides,
  );
}
