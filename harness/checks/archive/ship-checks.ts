import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { ShipPlan } from "./ship-types.ts";

/** The script ran to its end (exit 0, in time) and left exactly one archive, tar or tar.gz, in $OUT_DIR. */
export function shipScriptCheck(plan: ShipPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "ship-script",
      title: text(`${plan.script} produit une archive dans $OUT_DIR`, `${plan.script} produces an archive in $OUT_DIR`),
      points: 2,
      needs: ["build"],
      course: COURSE.images.saveLoad,
      hint: text(
        `Lancez \`IMAGE=… REPOSITORY=… OUT_DIR=/tmp/out sh ${plan.script}\` : le script doit finir avec le code 0 et écrire une seule archive (\`docker save -o "$OUT_DIR/…tar" …\`) dans $OUT_DIR.`,
        `Run \`IMAGE=… REPOSITORY=… OUT_DIR=/tmp/out sh ${plan.script}\`: the script must end with code 0 and write one archive (\`docker save -o "$OUT_DIR/…tar" …\`) in $OUT_DIR.`,
      ),
      timeoutMs: (plan.scriptTimeoutSeconds + 90) * 1000,
      async run(ctx) {
        const { run, files, archive } = await ctx.use(plan.shipped);
        const listing = files.map((file) => `${file.path} (${file.size} B)`).join(", ") || "(vide / empty)";
        if (run.timedOut)
          return failed(text(`${plan.script} dépasse ${plan.scriptTimeoutSeconds} s.`, `${plan.script} takes longer than ${plan.scriptTimeoutSeconds} s.`), {
            details: run.output,
          });
        if (run.exitCode !== 0) {
          return failed(text(`${plan.script} finit avec le code ${run.exitCode}.`, `${plan.script} ends with code ${run.exitCode}.`), {
            expected: "0",
            actual: String(run.exitCode),
            details: run.output,
          });
        }
        if (!archive) {
          return failed(text(`$OUT_DIR doit contenir une seule archive, il contient : ${listing}.`, `$OUT_DIR must hold one archive; it holds: ${listing}.`), {
            expected: "1 file",
            actual: listing,
            details: run.output,
          });
        }
        if (archive.unreadable !== undefined) {
          return failed(
            text(
              `L'archive n'est ni un tar ni un tar.gz lisible (${archive.unreadable}).`,
              `The archive is neither a readable tar nor tar.gz (${archive.unreadable}).`,
            ),
            { actual: listing },
          );
        }
        return passed(text(`Archive : ${listing}.`, `Archive: ${listing}.`), run.output);
      },
    },
    overrides,
  );
}

/** manifest.json, the config blob, the layer blobs and index.json agree, and hold the image the grader built. */
export function archiveStructureCheck(plan: ShipPlan, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "archive-structure",
      title: text("L'archive a la structure d'un `docker save` de l'image", "The archive has the structure of a `docker save` of the image"),
      points: 2,
      needs: ["ship-script"],
      course: COURSE.images.saveLoad,
      hint: text(
        "Écrivez l'archive avec `docker save` et ne la modifiez pas : `docker load` a besoin de manifest.json, du config (dont le sha256 est l'id de l'image) et de chaque couche nommée. `tar -tvf archive.tar` montre ce qu'elle contient.",
        "Write the archive with `docker save` and leave it as it is: `docker load` needs manifest.json, the config (whose sha256 is the image id) and every layer it names. `tar -tvf archive.tar` shows what it holds.",
      ),
      async run(ctx) {
        const structure = (await ctx.use(plan.shipped)).archive?.structure;
        if (!structure) throw new Error("archive-structure ran without a readable archive");
        const image = await ctx.use(builtImage);
        const problems = [...structure.problems];
        if (structure.imageId !== undefined && structure.imageId !== image.id) {
          problems.push(
            text(
              `L'archive contient l'image ${structure.imageId}, pas celle construite (${image.id}).`,
              `The archive holds image ${structure.imageId}, not the one built (${image.id}).`,
            ),
          );
        }
        if (problems.length === 0) {
          return passed(
            text(
              `manifest.json, config et ${structure.layerCount} couche(s) cohérents.`,
              `manifest.json, config and ${structure.layerCount} layer(s) consistent.`,
            ),
          );
        }
        return failed(text(problems.map((problem) => problem.fr).join(" "), problems.map((problem) => problem.en).join(" ")), {
          expected: `image ${image.id}`,
          actual: structure.imageId ?? "(no config)",
        });
      },
    },
    overrides,
  );
}

/** RepoTags carry every tag of the release: `docker load` gives the image exactly these names. */
export function archiveTagsCheck(plan: ShipPlan, overrides: CheckOverrides = {}) {
  const wanted = plan.tags.map((tag) => `$REPOSITORY:${tag}`).join(", ");
  return defineCheck(
    {
      id: "archive-tags",
      title: text(`L'archive porte les tags ${wanted}`, `The archive carries the tags ${wanted}`),
      points: 2,
      needs: ["ship-script"],
      course: COURSE.images.tagging,
      hint: text(
        `Étiquetez l'image (\`docker tag "$IMAGE" "$REPOSITORY:${plan.tags[0]}"\`, un \`docker tag\` par tag), puis sauvegardez-la par ses noms (\`docker save -o … ${plan.tags.map((tag) => `"$REPOSITORY:${tag}"`).join(" ")}\`) : sauvegardée par son id, l'archive n'a aucun tag.`,
        `Tag the image (\`docker tag "$IMAGE" "$REPOSITORY:${plan.tags[0]}"\`, one \`docker tag\` per tag), then save it by its names (\`docker save -o … ${plan.tags.map((tag) => `"$REPOSITORY:${tag}"`).join(" ")}\`): saved by its id, the archive has no tag.`,
      ),
      async run(ctx) {
        const { archive, repository } = await ctx.use(plan.shipped);
        const repoTags = archive?.structure?.repoTags ?? [];
        const required = plan.requiredRefs(repository);
        const missing = required.filter((ref) => !repoTags.includes(ref));
        const shown = (refs: readonly string[]) => refs.map((ref) => ref.replace(repository, "$REPOSITORY")).join(", ") || "(none)";
        if (missing.length === 0) return passed(text(`RepoTags : ${shown(repoTags)}.`, `RepoTags: ${shown(repoTags)}.`));
        return failed(text(`Tags absents de manifest.json : ${shown(missing)}.`, `Tags missing from manifest.json: ${shown(missing)}.`), {
          expected: shown(required),
          actual: shown(repoTags),
          credit: (required.length - missing.length) / required.length,
        });
      },
    },
    overrides,
  );
}
