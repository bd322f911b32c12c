import { describe, expect, it } from "vitest";
import { ownedAddresses, resolveFrom, sharedNetworks } from "../../../harness/checks/network/topology.ts";
import { container, topology } from "./fixtures.ts";

describe("stack topology", () => {
  it("maps the engine's network names back to the Compose keys, with their internal flag and ownership", () => {
    const db = topology().services["db"];
    expect(db?.attachments).toEqual([
      { network: "data", engineName: "p_data", owned: true, internal: true, ipv4: "172.32.0.2", dnsNames: ["p-db-1", "db", "database"] },
    ]);
    const legacy = topology().services["legacy"];
    expect(legacy?.attachments.map((a) => [a.network, a.owned])).toEqual([
      ["back", true],
      ["corp", false],
    ]);
  });

  it("resolves a name only through the networks the asking service is attached to", () => {
    const t = topology();
    expect(resolveFrom(t, "api", "database")).toEqual([{ service: "db", network: "data", owned: true, ipv4: "172.32.0.2" }]);
    expect(resolveFrom(t, "web", "database")).toEqual([]);
    expect(resolveFrom(t, "web", "db")).toEqual([]);
    expect(resolveFrom(t, "web", "API")).toHaveLength(1);
  });

  it("forgets stopped containers, as the embedded DNS does", () => {
    const t = topology({ db: container("id-db", { p_data: { ip: "", names: ["db", "database"] } }, false) });
    expect(resolveFrom(t, "api", "db")).toEqual([]);
    expect(ownedAddresses(t, "db")).toEqual([]);
  });

  it("lists shared networks and only the addresses on networks the project owns", () => {
    const t = topology();
    expect(sharedNetworks(t, "web", "api")).toEqual(["back"]);
    expect(sharedNetworks(t, "web", "db")).toEqual([]);
    expect(ownedAddresses(t, "legacy")).toEqual(["172.31.0.9"]);
  });

  it("reads published ports from the engine's bindings", () => {
    const web = container("id-web", { p_front: { ip: "172.30.0.2", names: ["web"] } });
    const published = topology({
      web: { ...web, NetworkSettings: { ...web.NetworkSettings, Ports: { "8080/tcp": [{ HostIp: "0.0.0.0", HostPort: "32768" }], "9000/tcp": null } } },
    }).services["web"]?.published;
    expect(published).toEqual([{ containerPort: 8080, protocol: "tcp", hostIp: "0.0.0.0", hostPort: 32768 }]);
  });
});
