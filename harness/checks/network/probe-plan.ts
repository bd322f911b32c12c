import { ownedAddresses, resolveFrom, type Resolution, type Topology } from "./topology.ts";

/**
 * What a probe may be pointed at, decided before anything runs. The grader's probes never leave
 * the networks its own project created: a target is either a name the embedded DNS answers from
 * its own records (a name it does not know would be forwarded to the host's resolvers) or the
 * address of one of the project's containers on one of the project's networks. Anything else is
 * refused here, with an error, whoever asked. Pure: unit-tested without an engine.
 */
export class ProbeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeRefusedError";
  }
}

export type ProbeTarget = { readonly kind: "name"; readonly name: string } | { readonly kind: "address"; readonly address: string };

export interface TcpProbe {
  readonly target: ProbeTarget;
  readonly port: number;
}

/** From service `from`, open a TCP connection to service `to` on `port`. */
export interface ReachRequest {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** Also try each of `to`'s addresses: a blocked pair must stay blocked without DNS too. */
  readonly byAddress: boolean;
}

export interface ReachPlan {
  readonly request: ReachRequest;
  /** What the embedded DNS answers `from` for `to`'s name, read from the engine's records. */
  readonly resolution: readonly Resolution[];
  readonly probes: readonly TcpProbe[];
}

/** Compose service names and aliases: letters, digits, `_`, `.`, `-`; nothing a shell would read. */
const DNS_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function planReach(topology: Topology, request: ReachRequest): ReachPlan {
  assertService(topology, request.from);
  assertService(topology, request.to);
  assertPort(request.port);
  const resolution = resolveFrom(topology, request.from, request.to);
  const probes: TcpProbe[] = [];
  if (nameIsProbeable(resolution)) probes.push({ target: { kind: "name", name: request.to }, port: request.port });
  if (request.byAddress) {
    for (const address of ownedAddresses(topology, request.to)) probes.push({ target: { kind: "address", address }, port: request.port });
  }
  for (const probe of probes) assertProbeTarget(topology, request.from, probe.target);
  return { request, resolution, probes };
}

/** The gate every probe goes through, whoever built it. */
export function assertProbeTarget(topology: Topology, from: string, target: ProbeTarget): void {
  assertService(topology, from);
  if (target.kind === "name") {
    if (!DNS_NAME.test(target.name)) throw new ProbeRefusedError(`"${target.name}" is not a service name or alias`);
    const resolution = resolveFrom(topology, from, target.name);
    if (!nameIsProbeable(resolution)) {
      throw new ProbeRefusedError(`"${target.name}" is not a name the embedded DNS answers for ${from} on the project's own networks`);
    }
    return;
  }
  if (!isIpv4(target.address)) throw new ProbeRefusedError(`"${target.address}" is not an IPv4 address`);
  const owner = Object.keys(topology.services).find((service) => ownedAddresses(topology, service).includes(target.address));
  if (!owner) throw new ProbeRefusedError(`${target.address} is not the address of a container of the project on one of its networks`);
}

/** Probing by name is safe when every answer is a running project container on a project network. */
export function nameIsProbeable(resolution: readonly Resolution[]): boolean {
  return resolution.length > 0 && resolution.every((answer) => answer.owned && answer.ipv4 !== undefined);
}

function assertService(topology: Topology, service: string): void {
  if (!Object.hasOwn(topology.services, service)) throw new ProbeRefusedError(`"${service}" is not a service of the project`);
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ProbeRefusedError(`${port} is not a TCP port`);
}

function isIpv4(address: string): boolean {
  const match = IPV4.exec(address);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

/** The DNS query of a probe: absolute (a trailing dot) so that no search domain is appended. */
export function absoluteName(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

export function describeTarget(target: ProbeTarget): string {
  return target.kind === "name" ? target.name : target.address;
}
