import { describe, expect, it } from "vitest";
import { assertProbeTarget, planReach, ProbeRefusedError } from "../../../harness/checks/network/probe-plan.ts";
import { topology } from "./fixtures.ts";

describe("probe plan: probes stay inside the project's own networks", () => {
  it("probes an allowed pair by name, and a blocked pair by name and by each of the target's addresses", () => {
    const t = topology();
    expect(planReach(t, { from: "api", to: "db", port: 5432, byAddress: false }).probes).toEqual([{ target: { kind: "name", name: "db" }, port: 5432 }]);
    expect(planReach(t, { from: "api", to: "web", port: 8080, byAddress: true }).probes).toEqual([
      { target: { kind: "name", name: "web" }, port: 8080 },
      { target: { kind: "address", address: "172.31.0.2" }, port: 8080 },
      { target: { kind: "address", address: "172.30.0.2" }, port: 8080 },
    ]);
  });

  it("never asks the DNS for a name it does not hold: it would be forwarded to the host's resolvers", () => {
    const plan = planReach(topology(), { from: "web", to: "db", port: 5432, byAddress: true });
    expect(plan.resolution).toEqual([]);
    expect(plan.probes).toEqual([{ target: { kind: "address", address: "172.32.0.2" }, port: 5432 }]);
    expect(() => assertProbeTarget(topology(), "web", { kind: "name", name: "db" })).toThrow(ProbeRefusedError);
    expect(() => assertProbeTarget(topology(), "api", { kind: "name", name: "example.com" })).toThrow(ProbeRefusedError);
  });

  it("refuses services that are not in the project, whoever asks", () => {
    expect(() => planReach(topology(), { from: "web", to: "google.com", port: 443, byAddress: false })).toThrow(/not a service of the project/);
    expect(() => planReach(topology(), { from: "intruder", to: "db", port: 5432, byAddress: false })).toThrow(ProbeRefusedError);
    expect(() => planReach(topology(), { from: "web", to: "toString", port: 1, byAddress: false })).toThrow(ProbeRefusedError);
  });

  it("refuses any address that is not a project container on a project network", () => {
    const t = topology();
    for (const address of ["8.8.8.8", "10.1.2.3", "172.30.0.1", "127.0.0.1", "192.168.1.1", "999.1.1.1", "::1", "172.32.0.2; rm -rf /"]) {
      expect(() => assertProbeTarget(t, "web", { kind: "address", address }), address).toThrow(ProbeRefusedError);
    }
    expect(() => assertProbeTarget(t, "web", { kind: "address", address: "172.32.0.2" })).not.toThrow();
  });

  it("keeps the address of a service on an external network out of the plan", () => {
    const plan = planReach(topology(), { from: "web", to: "legacy", port: 80, byAddress: true });
    expect(plan.probes.map((probe) => probe.target)).toEqual([
      { kind: "name", name: "legacy" },
      { kind: "address", address: "172.31.0.9" },
    ]);
  });

  it("does not probe by name when the name also resolves on a network the grader did not create", () => {
    const t = topology();
    const shared = { ...t, services: { ...t.services } };
    const legacy = t.services["legacy"];
    const web = t.services["web"];
    if (!legacy || !web) throw new Error("fixture");
    shared.services["web"] = {
      ...web,
      attachments: [...web.attachments, { ...legacy.attachments.find((a) => !a.owned)!, ipv4: "10.1.2.4", dnsNames: ["web"] }],
    };
    expect(planReach(shared, { from: "web", to: "legacy", port: 80, byAddress: false }).probes).toEqual([]);
  });

  it("refuses ports that are not TCP ports and names a shell would read", () => {
    expect(() => planReach(topology(), { from: "api", to: "db", port: 0, byAddress: false })).toThrow(ProbeRefusedError);
    expect(() => planReach(topology(), { from: "api", to: "db", port: 70000, byAddress: false })).toThrow(ProbeRefusedError);
    expect(() => assertProbeTarget(topology(), "api", { kind: "name", name: "db'; reboot; '" })).toThrow(ProbeRefusedError);
  });
});
