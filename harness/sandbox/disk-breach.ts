import type { ContainerDiskUsage } from "../engine/clients/container-client.ts";
import { text, type Text } from "../kernel/text.ts";

export interface DiskLimits {
  /** Bytes one container may write to its own writable layer. */
  readonly containerWritableBytes: number;
  /** Bytes one volume of the run may hold. */
  readonly volumeBytes: number;
  /** Free bytes the engine's disk must keep, when that disk can be read from here. */
  readonly minFreeBytes: number;
  /** Between two looks; a filler writes at disk speed in between, so the limits are not exact. */
  readonly intervalMs: number;
}

const GIB = 1024 ** 3;

/**
 * No exercise of the course writes more than a few MiB; 1 GiB is a runaway loop, not data. Two GiB
 * free is what the engine needs to keep building and starting the other runs' containers.
 */
export const DEFAULT_DISK_LIMITS: DiskLimits = {
  containerWritableBytes: GIB,
  volumeBytes: GIB,
  minFreeBytes: 2 * GIB,
  intervalMs: 2000,
};

/** One look at what a run has written. */
export interface DiskSample {
  readonly containers: readonly ContainerDiskUsage[];
  /** Sizes of the run's volumes (labelled, or mounted by one of its containers), by name. */
  readonly volumes: ReadonlyMap<string, number>;
  /** The engine's free space; undefined when it cannot be read from here (remote engine, VM). */
  readonly freeBytes?: number;
}

export interface DiskBreach {
  readonly reason: Text;
  /** The containers to kill: running ones that did the writing. */
  readonly offenders: readonly string[];
}

/** The first limit the sample goes over, in order: a container's layer, a volume, the whole disk. */
export function findDiskBreach(sample: DiskSample, limits: DiskLimits): DiskBreach | undefined {
  const running = sample.containers.filter((container) => container.running);
  const over = sample.containers
    .filter((container) => container.writableBytes > limits.containerWritableBytes)
    .sort((a, b) => b.writableBytes - a.writableBytes);
  const layer = over[0];
  if (layer) {
    const size = formatBytes(layer.writableBytes);
    const limit = formatBytes(limits.containerWritableBytes);
    return {
      reason: text(
        `Le conteneur « ${layer.name} » a écrit ${size} dans son système de fichiers (limite : ${limit}) : le correcteur l'a arrêté. Cherchez une boucle qui écrit sans fin (fichier de journal, fichier temporaire qui grossit) ; les données vont dans un volume.`,
        `Container "${layer.name}" wrote ${size} to its file system (limit: ${limit}): the grader stopped it. Look for a loop that writes without end (a log file, a growing temporary file); data belongs in a volume.`,
      ),
      // Every container over the limit stops; the message names the biggest.
      offenders: over.filter((container) => container.running).map((container) => container.id),
    };
  }
  const volume = [...sample.volumes].find(([, bytes]) => bytes > limits.volumeBytes);
  if (volume) {
    const [name, bytes] = volume;
    const users = running.filter((container) => container.volumes.includes(name));
    const size = formatBytes(bytes);
    const limit = formatBytes(limits.volumeBytes);
    const who = users.map((container) => container.name).join(", ") || "-";
    return {
      reason: text(
        `Le volume « ${name} » contient ${size} (limite : ${limit}) : le correcteur a arrêté les conteneurs qui l'utilisent (${who}). Cherchez une boucle qui écrit sans fin.`,
        `Volume "${name}" holds ${size} (limit: ${limit}): the grader stopped the containers using it (${who}). Look for a loop that writes without end.`,
      ),
      offenders: users.map((container) => container.id),
    };
  }
  if (sample.freeBytes !== undefined && sample.freeBytes < limits.minFreeBytes) {
    const free = formatBytes(sample.freeBytes);
    const floor = formatBytes(limits.minFreeBytes);
    return {
      reason: text(
        `Le disque du moteur Docker n'a plus que ${free} libres (minimum : ${floor}) : le correcteur a arrêté les conteneurs de la correction avant qu'il soit plein.`,
        `The Docker engine's disk has only ${free} free (minimum: ${floor}): the grader stopped the grading's containers before it filled up.`,
      ),
      offenders: running.map((container) => container.id),
    };
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GiB`;
  return `${Math.round(bytes / 1024 ** 2)} MiB`;
}
