import type { ComposeModel } from "../../../harness/engine/compose-model.ts";
import { buildTopology, type ContainerNetworkFacts, type Topology } from "../../../harness/checks/network/topology.ts";

/** A three-tier project as `docker compose config` and `docker inspect` describe it, plus a service on an external network. */
export const MODEL: ComposeModel = {
  name: "p",
  services: { web: {}, api: {}, db: {}, legacy: {} },
  networks: {
    front: { name: "p_front" },
    back: { name: "p_back" },
    data: { name: "p_data", internal: true },
    corp: { name: "corp-lan", external: true },
  },
};

function container(id: string, networks: Record<string, { ip: string; names: string[] }>, running = true): ContainerNetworkFacts {
  return {
    Id: id,
    State: { Running: running },
    HostConfig: { NetworkMode: Object.keys(networks)[0] ?? "none" },
    NetworkSettings: {
      Networks: Object.fromEntries(Object.entries(networks).map(([name, { ip, names }]) => [name, { IPAddress: ip, DNSNames: names, Aliases: names }])),
      Ports: {},
    },
  };
}

export function topology(overrides: Partial<Record<string, ContainerNetworkFacts>> = {}): Topology {
  const containers: Record<string, ContainerNetworkFacts> = {
    web: container("id-web", { p_front: { ip: "172.30.0.2", names: ["p-web-1", "web"] }, p_back: { ip: "172.31.0.2", names: ["p-web-1", "web"] } }),
    api: container("id-api", { p_back: { ip: "172.31.0.3", names: ["p-api-1", "api"] }, p_data: { ip: "172.32.0.3", names: ["p-api-1", "api"] } }),
    db: container("id-db", { p_data: { ip: "172.32.0.2", names: ["p-db-1", "db", "database"] } }),
    legacy: container("id-legacy", {
      "corp-lan": { ip: "10.1.2.3", names: ["p-legacy-1", "legacy"] },
      p_back: { ip: "172.31.0.9", names: ["p-legacy-1", "legacy"] },
    }),
    ...overrides,
  } as Record<string, ContainerNetworkFacts>;
  return buildTopology(MODEL, containers);
}

export { container };
