import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { ComposeModel } from "../../../harness/engine/compose-model.ts";
import { labelOverride, loopbackPorts } from "../../../harness/compose/label-override.ts";
import { declaredPorts, describeDeclared } from "../../../harness/checks/network/port-bindings.ts";

const LABELS = { "dockgrade.run": "abc" };

const MODEL: ComposeModel = {
  name: "p",
  services: {
    web: {
      build: { context: "/tp/web" },
      ports: [
        { target: 8080, protocol: "tcp" },
        { target: 9090, host_ip: "0.0.0.0", published: "9090", protocol: "tcp" },
        { target: 7000, host_ip: "127.0.0.1", published: "7000", protocol: "tcp" },
        { target: 53, host_ip: "192.168.1.5", published: "53", protocol: "udp" },
        { target: 8443, host_ip: "::", published: "8443", protocol: "tcp" },
      ],
    },
    admin: { image: "busybox:1.37", ports: [{ target: 9000, host_ip: "127.0.0.1", protocol: "tcp" }] },
    db: { image: "busybox:1.37" },
  },
  networks: { back: {}, lan: { external: true } },
  volumes: { data: {} },
};

describe("the grader's Compose override", () => {
  it("labels every container, built image, and owned network and volume", () => {
    const override = parseDocument(labelOverride(MODEL, LABELS)).toJS() as Record<string, Record<string, Record<string, unknown>>>;
    expect(override["services"]?.["web"]).toMatchObject({ labels: LABELS, build: { labels: LABELS } });
    expect(override["services"]?.["db"]).toEqual({ labels: LABELS });
    expect(override["networks"]).toEqual({ back: { labels: LABELS } });
    expect(override["volumes"]).toEqual({ data: { labels: LABELS } });
  });

  it("publishes every port that is not declared on loopback on 127.0.0.1, with a host port the engine chooses", () => {
    expect(loopbackPorts(MODEL.services["web"]?.ports ?? [])).toEqual([
      { target: 8080, protocol: "tcp", host_ip: "127.0.0.1" },
      { target: 9090, protocol: "tcp", host_ip: "127.0.0.1" },
      { target: 7000, host_ip: "127.0.0.1", published: "7000", protocol: "tcp" },
      { target: 53, protocol: "udp", host_ip: "127.0.0.1" },
      { target: 8443, protocol: "tcp", host_ip: "127.0.0.1" },
    ]);
  });

  it("replaces the ports list (Compose would append it) only where something moves", () => {
    const yaml = labelOverride(MODEL, LABELS);
    expect(yaml).toMatch(/web:[\s\S]*ports: !override\n/);
    const override = parseDocument(yaml).toJS() as { services: Record<string, { ports?: unknown[] }> };
    expect(override.services["web"]?.ports).toHaveLength(5);
    expect(override.services["admin"]?.ports).toBeUndefined();
  });

  it("leaves the declared addresses for the network checks to judge", () => {
    expect(declaredPorts(MODEL.services["web"]?.ports).map(describeDeclared)).toEqual([
      "0.0.0.0:<any>->8080/tcp",
      "0.0.0.0:9090->9090/tcp",
      "127.0.0.1:7000->7000/tcp",
      "192.168.1.5:53->53/udp",
      "[::]:8443->8443/tcp",
    ]);
  });
});
