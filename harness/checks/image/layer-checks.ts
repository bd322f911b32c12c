import { formatPercent } from "../../kernel/ui.ts";
import { bytesText } from "../../kernel/byte-size.ts";
import { CONTENT_RULES } from "../../layers/final-content.ts";
import { layerLocation, toImageAnalysis, type LocatedLayers } from "../../layers/image-analysis.ts";
import { contentFinding, contentName, layerName, secretFinding, secretName, wasteFindings } from "../../layers/layer-findings.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { layerAnalysis, reportedLayerSecrets } from "../shared-setup/layer-analysis.ts";

/** Reading every layer of a large image (a full Debian with a toolchain) takes a few seconds. */
const LAYER_TIMEOUT_MS = 120_000;

/** The analysis of the built image, reported to the result once per check that reads it (later reports replace earlier ones). */
async function analysed(ctx: CheckContext): Promise<LocatedLayers> {
  const located = await ctx.use(layerAnalysis);
  ctx.findings.addImage(toImageAnalysis(located, "image"));
  return located;
}

/** No credential in any layer, even one a later layer deletes: `docker save` gives every layer back. */
export function layerSecretsCheck(overrides: CheckOverrides = {}) {
  const id = "no-secret-in-layers";
  return defineCheck(
    {
      id,
      title: text("Aucun secret dans les couches de l'image", "No secret in the image's layers"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.buildkitMounts,
      hint: text(
        "Un fichier supprimé par un RUN suivant reste dans la couche qui l'a ajouté : `docker save` le rend. Ne copiez jamais de clé, de .env ou de jeton dans l'image (listez-les dans .dockerignore) ; pour la construction, montez-les avec `RUN --mount=type=secret,id=…` ; à l'exécution, passez-les en fichier monté.",
        "A file deleted by a later RUN stays in the layer that added it: `docker save` gives it back. Never copy a key, an .env file or a token into the image (list them in .dockerignore); at build time, mount them with `RUN --mount=type=secret,id=…`; at run time, pass them as a mounted file.",
      ),
      timeoutMs: LAYER_TIMEOUT_MS,
      async run(ctx) {
        const located = await analysed(ctx);
        // This check reports the image's secrets itself: the scan after the checks leaves them to it.
        (await ctx.use(reportedLayerSecrets)).add(located.layers.id);
        const { secrets, layers } = located.layers;
        if (secrets.length === 0) return passed(text(`${layers.length} couches examinées, aucun secret.`, `${layers.length} layers examined, no secret.`));
        ctx.findings.add(...secrets.map((secret) => secretFinding(located, secret, id)));
        const lines = (lang: "fr" | "en") =>
          secrets
            .map(
              (secret) =>
                `${secret.path}: ${secretName(secret.rule)[lang]}, ${layerName(located, secret.layer)[lang]}${secret.deleted ? (lang === "fr" ? " (supprimé plus loin)" : " (deleted later)") : ""}`,
            )
            .join("\n");
        const first = secrets[0]?.layer ?? 0;
        return failed(text(`Secret dans les couches de l'image :\n${lines("fr")}`, `Secret in the image's layers:\n${lines("en")}`), {
          expected: "(none)",
          actual: secrets.map((secret) => `${secret.path} ${secret.excerpt}`).join("\n"),
          location: layerLocation(located, first),
        });
      },
    },
    overrides,
  );
}

export interface HygieneOptions {
  /** The content rules checked, e.g. `["content/git", "content/build-tools"]`; all of them by default. */
  readonly rules?: readonly string[];
}

/** Partial credit: each kind of content found clean earns its share. */
export function imageHygieneCheck(options: HygieneOptions = {}, overrides: CheckOverrides = {}) {
  const id = "image-hygiene";
  const rules = options.rules ?? CONTENT_RULES.map(({ rule }) => rule);
  return defineCheck(
    {
      id,
      title: text("Ni .git, ni cache, ni outil de build dans l'image finale", "No .git, cache or build tool in the final image"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.performance.layersAndCache,
      hint: text(
        "Un .dockerignore écarte .git, node_modules et les fichiers d'éditeur du contexte ; une étape de build séparée garde compilateurs et dépendances de développement hors de l'image finale (`COPY --from=build`) ; un cache se vide dans le RUN qui le remplit (`rm -rf /var/lib/apt/lists/*`, `npm ci --omit=dev && npm cache clean --force`) ou se monte (`RUN --mount=type=cache`).",
        "A .dockerignore keeps .git, node_modules and editor files out of the context; a separate build stage keeps compilers and development dependencies out of the final image (`COPY --from=build`); a cache is emptied in the RUN that fills it (`rm -rf /var/lib/apt/lists/*`, `npm ci --omit=dev && npm cache clean --force`) or mounted (`RUN --mount=type=cache`).",
      ),
      timeoutMs: LAYER_TIMEOUT_MS,
      async run(ctx) {
        const located = await analysed(ctx);
        const found = located.layers.content.filter((content) => rules.includes(content.rule));
        if (found.length === 0) return passed(text("Rien d'inutile dans l'image finale.", "Nothing unneeded in the final image."));
        ctx.findings.add(...found.map((content) => contentFinding(located, content, id)));
        const dirty = [...new Set(found.map((content) => content.rule))];
        const names = (lang: "fr" | "en") => dirty.map((rule) => contentName(rule)[lang]).join(", ");
        return failed(text(`Dans l'image finale : ${names("fr")}.`, `In the final image: ${names("en")}.`), {
          expected: "(none)",
          actual: found.flatMap((content) => content.examples.slice(0, 3)).join("\n"),
          credit: (rules.length - dirty.length) / rules.length,
          location: layerLocation(located, found[0]?.layer ?? 0),
        });
      },
    },
    overrides,
  );
}

/** Dive's efficiency: bytes a layer ships and a later one replaces or deletes lower it. */
export function layerEfficiencyCheck(options: { readonly minEfficiency: number }, overrides: CheckOverrides = {}) {
  const id = "layer-efficiency";
  const minimum = options.minEfficiency;
  return defineCheck(
    {
      id,
      title: text(`Efficacité des couches d'au moins ${formatPercent(minimum, "fr")}`, `Layer efficiency of at least ${formatPercent(minimum, "en")}`),
      points: 1,
      needs: ["build"],
      concurrent: true,
      course: COURSE.performance.layersAndCache,
      hint: text(
        "Chaque couche est gardée telle quelle : supprimer ou remplacer un fichier dans un RUN suivant ne rend aucun octet. Créez et nettoyez dans le même RUN (`apt-get install … && rm -rf /var/lib/apt/lists/*`), ne copiez pas deux fois le même fichier, et laissez les fichiers temporaires dans une étape de build.",
        "Every layer is kept as it is: deleting or replacing a file in a later RUN gives no byte back. Create and clean up in the same RUN (`apt-get install … && rm -rf /var/lib/apt/lists/*`), do not copy the same file twice, and leave temporary files in a build stage.",
      ),
      timeoutMs: LAYER_TIMEOUT_MS,
      async run(ctx) {
        const located = await analysed(ctx);
        const { efficiency, wastedBytes } = located.layers;
        const findings = wasteFindings(located, id);
        ctx.findings.add(...findings);
        const summary = (lang: "fr" | "en") => `${formatPercent(efficiency, lang)}, ${bytesText(wastedBytes)[lang]}`;
        if (efficiency >= minimum) return passed(text(`Efficacité ${summary("fr")} gaspillés.`, `Efficiency ${summary("en")} wasted.`));
        const worst = located.layers.layers.reduce((best, layer, index, all) => (layer.wastedBytes > (all[best]?.wastedBytes ?? 0) ? index : best), 0);
        return failed(
          text(
            `Efficacité ${summary("fr")} gaspillés ; la ${layerName(located, worst).fr} en livre le plus.`,
            `Efficiency ${summary("en")} wasted; ${layerName(located, worst).en} ships the most of it.`,
          ),
          {
            expected: `≥ ${formatPercent(minimum, "en")}`,
            actual: formatPercent(efficiency, "en"),
            location: layerLocation(located, worst),
          },
        );
      },
    },
    overrides,
  );
}
