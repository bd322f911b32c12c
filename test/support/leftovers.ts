import type { Engine } from "../../harness/engine/engine.ts";
import { RUN_LABEL } from "../../harness/kernel/run-labels.ts";

/** Everything on the engine that still carries a run's label (or any run's). */
export async function leftovers(engine: Engine, runId?: string): Promise<string[]> {
  const [containers, networks, volumes, images] = await Promise.all([
    engine.containers.listByLabel(RUN_LABEL, runId),
    engine.networks.listByLabel(RUN_LABEL, runId),
    engine.volumes.listByLabel(RUN_LABEL, runId),
    engine.images.listByLabel(RUN_LABEL, runId),
  ]);
  return [
    ...containers.map((c) => `container ${c.name}`),
    ...networks.map((n) => `network ${n.name}`),
    ...volumes.map((v) => `volume ${v.name}`),
    ...images.map((i) => `image ${i.repoTags.join(",") || i.id}`),
  ];
}
