import type { Engine } from "./engine.ts";
import { RUN_LABEL } from "./labels.ts";

export interface SweepReport {
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
  readonly images: number;
}

/**
 * Removes what carries the run label: one run's leftovers (runId given), or every grading run's
 * (after a crash, `dockgrade clean`). Containers go first: networks, volumes and images in use by
 * one cannot be removed. Base images built offline are a cache and carry no run label.
 */
export async function sweepRuns(engine: Engine, runId?: string): Promise<SweepReport> {
  const containers = await engine.containers.listByLabel(RUN_LABEL, runId);
  await Promise.all(containers.map((container) => engine.containers.remove(container.id)));
  const networks = await engine.networks.listByLabel(RUN_LABEL, runId);
  await Promise.all(networks.map((network) => engine.networks.remove(network.id)));
  const volumes = await engine.volumes.listByLabel(RUN_LABEL, runId);
  await Promise.all(volumes.map((volume) => engine.volumes.remove(volume.name)));
  const images = await engine.images.listByLabel(RUN_LABEL, runId);
  for (const image of images) await engine.images.remove(image.id, { force: true });
  return { containers: containers.length, networks: networks.length, volumes: volumes.length, images: images.length };
}
