import type { ComposeService } from "../../engine/compose-model.ts";
import { isLoopback } from "../../compose/loopback.ts";

/**
 * Host port bindings as the engine made them (`NetworkSettings.Ports`), and what their host
 * address means. Pure: the published-port checks and their unit tests read these.
 */
export interface PortBinding {
  readonly containerPort: number;
  readonly protocol: string;
  /** As the engine reports it: `0.0.0.0`, `::`, `127.0.0.1`, `::1`, a host address, or empty. */
  readonly hostIp: string;
  readonly hostPort: number;
}

export type HostScope = "loopback" | "all-interfaces" | "one-interface";

/** `{"9090/tcp": [{HostIp, HostPort}]}` to a flat list; an exposed but unpublished port maps to `null`. */
export function parsePortBindings(ports: Readonly<Record<string, readonly { readonly HostIp: string; readonly HostPort: string }[] | null>>): PortBinding[] {
  return Object.entries(ports).flatMap(([key, bindings]) => {
    const [port, protocol = "tcp"] = key.split("/");
    return (bindings ?? []).map((binding) => ({
      containerPort: Number(port),
      protocol,
      hostIp: binding.HostIp,
      hostPort: Number(binding.HostPort),
    }));
  });
}

/**
 * Where a binding listens. An empty address or a wildcard (`0.0.0.0`, `::`) is every interface of
 * the host, so every machine that can route to it; only 127.0.0.0/8 and ::1 stay on the host.
 */
export function hostScope(hostIp: string): HostScope {
  if (isLoopback(hostIp)) return "loopback";
  if (hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::" || hostIp === "[::]") return "all-interfaces";
  return "one-interface";
}

export function describeBinding(binding: PortBinding): string {
  const host = binding.hostIp.includes(":") ? `[${binding.hostIp}]` : binding.hostIp || "*";
  return `${host}:${binding.hostPort}->${binding.containerPort}/${binding.protocol}`;
}

/**
 * A port as the submission's Compose file publishes it (resolved model), before the grader moved
 * it to loopback (harness/compose/run-override.ts): what the published-port checks judge, while
 * the engine's bindings are where they knock. `hostIp` is empty when no address is given (Docker
 * would listen on every interface); `hostPort` when the file fixes one.
 */
export interface DeclaredPort {
  readonly containerPort: number;
  readonly protocol: string;
  readonly hostIp: string;
  readonly hostPort?: number;
}

type ModelPort = NonNullable<ComposeService["ports"]>[number];

export function declaredPorts(ports: readonly ModelPort[] | undefined): DeclaredPort[] {
  return (ports ?? []).map((port) => ({
    containerPort: port.target,
    protocol: port.protocol ?? "tcp",
    hostIp: port.host_ip ?? "",
    ...(port.published && /^\d+$/.test(port.published) ? { hostPort: Number(port.published) } : {}),
  }));
}

/** How the student wrote it: `0.0.0.0:<any>->8080/tcp`; no address reads as every interface. */
export function describeDeclared(port: DeclaredPort): string {
  const host = port.hostIp === "" ? "0.0.0.0" : port.hostIp.includes(":") && !port.hostIp.startsWith("[") ? `[${port.hostIp}]` : port.hostIp;
  return `${host}:${port.hostPort ?? "<any>"}->${port.containerPort}/${port.protocol}`;
}
