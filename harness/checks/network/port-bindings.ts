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
export function parsePortBindings(
  ports: Readonly<Record<string, readonly { readonly HostIp: string; readonly HostPort: string }[] | null>>,
): PortBinding[] {
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

export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1" || address === "[::1]";
}

export function bindingsOf(published: readonly PortBinding[], containerPort: number, protocol = "tcp"): PortBinding[] {
  return published.filter((binding) => binding.containerPort === containerPort && binding.protocol === protocol);
}

export function describeBinding(binding: PortBinding): string {
  const host = binding.hostIp.includes(":") ? `[${binding.hostIp}]` : binding.hostIp || "*";
  return `${host}:${binding.hostPort}->${binding.containerPort}/${binding.protocol}`;
}
