import { BUILD_TOOL_PATHS, PACKAGE_CACHE_PATHS } from "../../layers/build-tool-paths.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { finalStageLocation } from "../shared-setup/dockerfile-lines.ts";
import { imageFiles } from "../shared-setup/image-files.ts";

export interface ForbiddenCategory {
  readonly name: Text;
  /** Matched against paths without a leading slash, e.g. `usr/bin/gcc-12`. */
  readonly patterns: readonly RegExp[];
}

/** Compilers and package caches: what a multi-stage build leaves behind in the builder. */
export const BUILD_TOOLS: readonly ForbiddenCategory[] = [
  { name: text("compilateurs et outils de build", "compilers and build tools"), patterns: BUILD_TOOL_PATHS },
  { name: text("caches de paquets", "package caches"), patterns: PACKAGE_CACHE_PATHS },
];

/** Partial credit: each category found clean earns its share. */
export function forbiddenFilesCheck(options: { categories?: readonly ForbiddenCategory[] } = {}, overrides: CheckOverrides = {}) {
  const categories = options.categories ?? BUILD_TOOLS;
  return defineCheck(
    {
      id: "no-build-tools",
      title: text("Ni compilateur ni cache de paquets dans l'image finale", "No compiler and no package cache in the final image"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.multiStage,
      hint: text(
        "Installez gcc dans l'étape de build seulement ; l'image finale part d'une base propre et ne reçoit que le binaire (`COPY --from=build`). Dans une étape qui garde apt, terminez le RUN par `rm -rf /var/lib/apt/lists/*`.",
        "Install gcc in the build stage only; the final image starts from a clean base and receives only the binary (`COPY --from=build`). In a stage that keeps apt, end the RUN with `rm -rf /var/lib/apt/lists/*`.",
      ),
      timeoutMs: 120_000,
      async run(ctx) {
        const { final } = await ctx.use(imageFiles);
        const found = categories.map((category) => ({
          category,
          paths: [...final.keys()].filter((path) => category.patterns.some((pattern) => pattern.test(path))),
        }));
        const dirty = found.filter(({ paths }) => paths.length > 0);
        if (dirty.length === 0) return passed(text(`${final.size} fichiers examinés, aucun interdit.`, `${final.size} files examined, none forbidden.`));
        const names = (lang: "fr" | "en") => dirty.map(({ category }) => category.name[lang]).join(", ");
        return failed(text(`Trouvé dans l'image finale : ${names("fr")}.`, `Found in the final image: ${names("en")}.`), {
          expected: "(none)",
          actual: dirty.flatMap(({ paths }) => paths.slice(0, 5).map((path) => `/${path}`)).join("\n"),
          details: dirty
            .map(
              ({ category, paths }) =>
                `${category.name.en}: ${paths.length} file(s)\n${paths
                  .slice(0, 30)
                  .map((p) => `  /${p}`)
                  .join("\n")}`,
            )
            .join("\n"),
          credit: (categories.length - dirty.length) / categories.length,
          // The final stage's FROM: the image it starts from, or what its stage installed, ships them.
          location: await finalStageLocation(ctx),
        });
      },
    },
    overrides,
  );
}
