import type { ComposeModel } from "../../engine/compose-model.ts";
import { runResourceName } from "../../compose/run-names.ts";
import { parsePortBindings, type PortBinding } from "./port-bindings.ts";

/**
 * The running stack as the network checks see it: which service sits on which network, with which
 * address and which DNS names. Built from the engine's inspect of each service container and the
 * resolved Compose model; pure, so the probe planner that relies on it is unit-tested.
 */
export interface Attachment {
  /** The network's key in the Compose file (`data`), or the engine's name when Compose does not own it. */
  readonly network: string;
  readonly engineName: string;
  /** Created by the grader's own project: a network of the Compose file that is not `external`. */
  readonly owned: boolean;
  /** `internal: true` in the resolved Compose model, which is what Compose created the network with. */
  readonly internal: boolean;
  readonly ipv4?: string;
  /** What the embedded DNS answers for on this network: service name, aliases, container name. */
  readonly dnsNames: readonly string[];
}

export interface ServiceNode {
  readonly service: string;
  readonly containerId: string;
  readonly running: boolean;
  /** `HostConfig.NetworkMode`: a network name, `host`, `none`, `container:<id>`... */
  readonly networkMode: string;
  readonly attachments: readonly Attachment[];
  /** Ports actually bound on the host (`NetworkSettings.Ports`), not merely declared. */
  readonly published: readonly PortBinding[];
}

export interface Topology {
  readonly services: Readonly<Record<string, ServiceNode>>;
}

/** The parts of a container inspect the topology reads (dockerode's type lacks `DNSNames`, API 1.44+). */
export interface ContainerNetworkFacts {
  readonly Id: string;
  readonly State: { readonly Running: boolean };
  readonly HostConfig: { readonly NetworkMode?: string };
  readonly NetworkSettings: {
    readonly Networks?: Readonly<
      Record<string, { readonly IPAddress?: string; readonly Aliases?: readonly string[] | null; readonly DNSNames?: readonly string[] | null }>
    >;
    readonly Ports?: Readonly<Record<string, readonly { readonly HostIp: string; readonly HostPort: string }[] | null>> | null;
  };
}

export function buildTopology(model: ComposeModel, containers: Readonly<Record<string, ContainerNetworkFacts>>): Topology {
  // Under the run's names: a network the file names `name: backnet` is the run's own `<project>_back`.
  const byEngineName = new Map(Object.entries(model.networks ?? {}).map(([key, network]) => [runResourceName(model, "networks", key), { key, network }]));
  const services: Record<string, ServiceNode> = {};
  for (const [service, facts] of Object.entries(containers)) {
    const attachments = Object.entries(facts.NetworkSettings.Networks ?? {}).map(([engineName, endpoint]): Attachment => {
      const declared = byEngineName.get(engineName);
      const names = endpoint.DNSNames ?? [service, ...(endpoint.Aliases ?? [])];
      return {
        network: declared?.key ?? engineName,
        engineName,
        owned: declared !== undefined && declared.network.external !== true,
        internal: declared?.network.internal === true,
        ...(endpoint.IPAddress ? { ipv4: endpoint.IPAddress } : {}),
        dnsNames: [...new Set(names)],
      };
    });
    services[service] = {
      service,
      containerId: facts.Id,
      running: facts.State.Running,
      networkMode: facts.HostConfig.NetworkMode ?? "default",
      attachments: attachments.sort((a, b) => a.network.localeCompare(b.network)),
      published: parsePortBindings(facts.NetworkSettings.Ports ?? {}),
    };
  }
  return { services };
}

/** One answer the embedded DNS would give `from` for a name: the container, the network, the address. */
export interface Resolution {
  readonly service: string;
  readonly network: string;
  readonly ipv4?: string;
  readonly owned: boolean;
}

/**
 * What `from` gets when it asks the embedded DNS for `name`: every running container that carries
 * the name on a network `from` is attached to. The engine's own records, read without a query.
 */
export function resolveFrom(topology: Topology, from: string, name: string): Resolution[] {
  const source = topology.services[from];
  if (!source) return [];
  const mine = new Set(source.attachments.map((attachment) => attachment.engineName));
  const wanted = name.toLowerCase();
  return Object.values(topology.services)
    .filter((node) => node.running)
    .flatMap((node) =>
      node.attachments
        .filter((attachment) => mine.has(attachment.engineName) && attachment.dnsNames.some((dnsName) => dnsName.toLowerCase() === wanted))
        .map((attachment) => ({
          service: node.service,
          network: attachment.network,
          owned: attachment.owned,
          ...(attachment.ipv4 ? { ipv4: attachment.ipv4 } : {}),
        })),
    );
}

/** The networks two services share, by Compose key. */
export function sharedNetworks(topology: Topology, a: string, b: string): string[] {
  const left = topology.services[a]?.attachments ?? [];
  const right = new Set((topology.services[b]?.attachments ?? []).map((attachment) => attachment.engineName));
  return left.filter((attachment) => right.has(attachment.engineName)).map((attachment) => attachment.network);
}

/** The IPv4 addresses of a service on the networks the grader's project created: the only ones it may probe. */
export function ownedAddresses(topology: Topology, service: string): string[] {
  const node = topology.services[service];
  if (!node?.running) return [];
  return node.attachments.filter((attachment) => attachment.owned && attachment.ipv4).map((attachment) => attachment.ipv4 as string);
}
