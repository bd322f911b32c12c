import type Docker from "dockerode";
import type { Labels } from "../../kernel/run-labels.ts";
import { ignoreNotFound, labelFilter } from "./api-helpers.ts";

export interface VolumeClient {
  listByLabel(label: string, value?: string): Promise<readonly { name: string; labels: Labels }[]>;
  /** Volumes whose name contains `fragment` (a run's unique project name): what a script created, unlabelled. */
  listByName(fragment: string): Promise<readonly { name: string }[]>;
  /** Removes the volume; an absent one is not an error. */
  remove(name: string): Promise<void>;
}

export class DockerVolumeClient implements VolumeClient {
  constructor(private readonly docker: Docker) {}

  async listByLabel(label: string, value?: string): Promise<readonly { name: string; labels: Labels }[]> {
    const { Volumes } = await this.docker.listVolumes({ filters: { label: [labelFilter(label, value)] } });
    return (Volumes ?? []).map((volume) => ({ name: volume.Name, labels: volume.Labels ?? {} }));
  }

  async listByName(fragment: string): Promise<readonly { name: string }[]> {
    const { Volumes } = await this.docker.listVolumes({ filters: { name: [fragment] } });
    return (Volumes ?? []).filter((volume) => volume.Name.includes(fragment)).map((volume) => ({ name: volume.Name }));
  }

  async remove(name: string): Promise<void> {
    await ignoreNotFound(this.docker.getVolume(name).remove({ force: true }));
  }
}
