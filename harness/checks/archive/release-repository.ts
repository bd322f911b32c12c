import { RUN_LABEL } from "../../kernel/run-labels.ts";
import type { FixtureContext } from "../context.ts";

/** A repository of the run's own: the proxy lets the script tag into it and nowhere else. */
export function releaseRepository(runId: string, imageName: string): string {
  return `dockgrade-run-${runId}/${imageName}`;
}

/** Removes the repository's tags (not the images by id: the run's build tag keeps its own). */
export async function untagRepository(ctx: Pick<FixtureContext, "engine" | "runId">, repository: string): Promise<void> {
  for (const image of await ctx.engine.images.listByLabel(RUN_LABEL, ctx.runId)) {
    for (const tag of image.repoTags.filter((ref) => ref.startsWith(`${repository}:`))) await ctx.engine.images.remove(tag);
  }
}
