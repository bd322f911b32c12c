import type { Engine } from "../engine/engine.ts";
import { RUN_LABEL } from "../kernel/run-labels.ts";
import { KEPT_IMAGE_PREFIX } from "../engine/sweep.ts";

/**
 * `--keep`: the run's images get a name under `dockgrade-kept/` that outlives the run, so the
 * student or instructor can `docker run` or inspect what was graded. Removing the run's own tags
 * afterwards only untags; `dockgrade clean --kept` removes them for good. Returns the new names.
 */
export async function keepRunImages(engine: Engine, runId: string, exerciseId: string): Promise<string[]> {
  const images = await engine.images.listByLabel(RUN_LABEL, runId);
  const slug = exerciseId.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const kept: string[] = [];
  for (const image of images) {
    // Compose names its images `<project>-<service>`: the service tells several kept images apart.
    const service = image.repoTags[0]
      ?.split(":")[0]
      ?.replace(/^dockgrade-run-[0-9a-f]+$/, "")
      .replace(/^dockgrade-[0-9a-f]+-/, "");
    const name = `${KEPT_IMAGE_PREFIX}${slug}${service ? `-${service}` : ""}:${runId}`;
    await engine.images.tag(image.id, name);
    kept.push(name);
  }
  return kept;
}
