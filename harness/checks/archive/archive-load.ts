import { createReadStream } from "node:fs";
import { text } from "../../kernel/text.ts";
import { familiarName } from "../../engine/api-proxy/api-proxy-images.ts";
import type { FixtureContext } from "../context.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { untagRepository } from "./release-repository.ts";
import type { LoadOutcome, ShipPlan } from "./ship-types.ts";

/**
 * `docker load` of the student's archive through the engine, as anyone receiving it would. Only an
 * archive the grader has read and found to hold the run's own image under names of the run's own
 * repository is loaded: a hand-made archive could otherwise replace any tag on the engine
 * (`busybox:1.37` for every later run). The repository's tags are removed first, so the tags found
 * afterwards are the load's doing; they go with the run (ship-plan.ts).
 */
export async function loadArchive(ctx: FixtureContext, plan: ShipPlan): Promise<LoadOutcome> {
  const shipped = await ctx.use(plan.shipped);
  const image = await ctx.use(builtImage);
  const structure = shipped.archive?.structure;
  if (!shipped.archive || !structure || structure.problems.length > 0 || structure.imageId !== image.id) {
    return {
      loaded: false,
      reason: text(
        "L'archive n'a pas la structure d'un `docker save` de l'image construite : elle n'est pas chargée.",
        "The archive lacks the structure of a `docker save` of the built image: it is not loaded.",
      ),
    };
  }
  const foreign = structure.names.filter((name) => !familiarName(name).startsWith(`${shipped.repository}:`));
  if (foreign.length > 0) {
    return {
      loaded: false,
      reason: text(
        `Noms hors de $REPOSITORY dans l'archive : ${foreign.join(", ")}. Elle n'est pas chargée.`,
        `Names outside $REPOSITORY in the archive: ${foreign.join(", ")}. It is not loaded.`,
      ),
    };
  }
  await untagRepository(ctx, shipped.repository);
  const { output, error } = await ctx.engine.images.load(createReadStream(shipped.archive.path), ctx.signal);
  if (error !== undefined) return { loaded: false, reason: text(`docker load échoue : ${error}`, `docker load fails: ${error}`), output };
  const refs: string[] = [];
  for (const ref of plan.requiredRefs(shipped.repository)) {
    if ((await ctx.engine.images.exists(ref)) && (await ctx.engine.images.inspect(ref)).id === image.id) refs.push(ref);
  }
  return { loaded: true, output, refs };
}
