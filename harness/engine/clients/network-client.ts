import type Docker from "dockerode";
import type { Labels } from "../../kernel/run-labels.ts";
import { ignoreNotFound, labelFilter } from "./api-helpers.ts";

export interface NetworkHandle extends AsyncDisposable {
  readonly id: string;
  readonly name: string;
}

export interface NetworkClient {
  create(name: string, labels: Labels, options?: { internal?: boolean }): Promise<NetworkHandle>;
  listByLabel(label: string, value?: string): Promise<readonly { id: string; name: string; labels: Labels }[]>;
  /** Removes the network; an absent one is not an error. */
  remove(id: string): Promise<void>;
}

export class DockerNetworkClient implements NetworkClient {
  constructor(private readonly docker: Docker) {}

  async create(name: string, labels: Labels, options: { internal?: boolean } = {}): Promise<NetworkHandle> {
    const network = await this.docker.createNetwork({
      Name: name,
      Driver: "bridge",
      Internal: options.internal ?? false,
      Labels: { ...labels },
      CheckDuplicate: true,
    });
    return { id: network.id, name, [Symbol.asyncDispose]: () => this.remove(network.id) };
  }

  async listByLabel(label: string, value?: string): Promise<readonly { id: string; name: string; labels: Labels }[]> {
    const networks = await this.docker.listNetworks({ filters: { label: [labelFilter(label, value)] } });
    return networks.map((network) => ({ id: network.Id, name: network.Name, labels: network.Labels ?? {} }));
  }

  async remove(id: string): Promise<void> {
    await ignoreNotFound(this.docker.getNetwork(id).remove());
  }
}
