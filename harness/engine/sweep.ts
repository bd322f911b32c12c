import { hostname } from "node:os";
import type { Engine } from "./engine.ts";
import { HOST_LABEL, RUN_LABEL, type Labels } from "../kernel/run-labels.ts";

export interface SweepReport {
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
  readonly images: number;
}

/** Images kept with `--keep` carry a tag under this repository prefix; sweeps leave them. */
export const KEPT_IMAGE_PREFIX = "dockgrade-kept/";

/**
 * Removes what carries one run's label. Containers go first: networks, volumes and images in use
 * by one cannot be removed. Base images built offline are a cache and carry no run label; images
 * kept with `--keep` are left unless `kept` is asked for.
 */
export async function sweepRuns(engine: Engine, runId: string, options: { kept?: boolean } = {}): Promise<SweepReport> {
  const containers = await engine.containers.listByLabel(RUN_LABEL, runId);
  await Promise.all(containers.map((container) => engine.containers.remove(container.id)));
  const networks = await engine.networks.listByLabel(RUN_LABEL, runId);
  await Promise.all(networks.map((network) => engine.networks.remove(network.id)));
  const volumes = await engine.volumes.listByLabel(RUN_LABEL, runId);
  await Promise.all(volumes.map((volume) => engine.volumes.remove(volume.name)));
  const images = (await engine.images.listByLabel(RUN_LABEL, runId)).filter((image) => options.kept || !isKept(image.repoTags));
  for (const image of images) await engine.images.remove(image.id, { force: true });
  return { containers: containers.length, networks: networks.length, volumes: volumes.length, images: images.length };
}

export interface DeadRunSweep extends SweepReport {
  /** Dead runs whose objects were removed. */
  readonly runs: readonly string[];
  /** Runs started from another machine on this shared engine: whether they live cannot be told from here. */
  readonly otherHosts: readonly string[];
}

/**
 * Removes what runs of this machine left when they died (crash, kill -9, power cut), and never a
 * live run's: a run is alive while it holds its lease (`isAlive`). Runs labelled by another machine
 * are listed, not touched.
 */
export async function sweepDeadRuns(engine: Engine, isAlive: (runId: string) => Promise<boolean>, options: { kept?: boolean } = {}): Promise<DeadRunSweep> {
  const labelled: { labels: Labels }[] = (
    await Promise.all([
      engine.containers.listByLabel(RUN_LABEL),
      engine.networks.listByLabel(RUN_LABEL),
      engine.volumes.listByLabel(RUN_LABEL),
      engine.images.listByLabel(RUN_LABEL),
    ])
  ).flat();
  const here = hostname();
  const runs = new Map<string, string>();
  for (const { labels } of labelled) {
    const runId = labels[RUN_LABEL];
    if (runId) runs.set(runId, labels[HOST_LABEL] ?? here);
  }
  const dead: string[] = [];
  const otherHosts: string[] = [];
  for (const [runId, host] of runs) {
    if (host !== here) otherHosts.push(runId);
    else if (!(await isAlive(runId))) dead.push(runId);
  }
  const total = { containers: 0, networks: 0, volumes: 0, images: 0 };
  const swept: string[] = [];
  for (const runId of dead) {
    const removed = await sweepRuns(engine, runId, options);
    total.containers += removed.containers;
    total.networks += removed.networks;
    total.volumes += removed.volumes;
    total.images += removed.images;
    // A dead run whose only trace is a kept image had nothing to remove.
    if (removed.containers + removed.networks + removed.volumes + removed.images > 0) swept.push(runId);
  }
  return { ...total, runs: swept, otherHosts };
}

function isKept(repoTags: readonly string[]): boolean {
  return repoTags.some((tag) => tag.startsWith(KEPT_IMAGE_PREFIX));
}
