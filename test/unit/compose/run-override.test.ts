import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { ComposeModel } from "../../../harness/engine/compose-model.ts";
import { loopbackPorts, runOverride } from "../../../harness/compose/run-override.ts";
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
        { target: 6000, host_ip: "::1", published: "6000", protocol: "tcp" },
      ],
    },
    admin: { image: "busybox:1.36", ports: [{ target: 9000, host_ip: "127.0.0.1", protocol: "tcp" }] },
    db: { image: "busybox:1.36" },
  },
  networks: { back: { name: "p_back" }, lan: { name: "lan", external: true } },
  volumes: { data: { name: "p_data" } },
};

/** The 03-storage solution copied with every name fixed, as `docker compose config` resolves it. */
const FIXED: ComposeModel = {
  name: "dockgrade-r1",
  services: {
    db: { build: { context: "/s" }, container_name: "kvdb", networks: { default: null, back: { aliases: ["store"] } } },
    side: { image: "busybox:1.36", container_name: "kvside", network_mode: "service:db" },
    web: { image: "busybox:1.36", networks: { default: null } },
  },
  networks: { default: { name: "kvnet" }, back: { name: "dockgrade-r1_back" }, corp: { name: "corp-lan", external: true } },
  volumes: { "kv-data": { name: "kv-data" }, cache: { name: "dockgrade-r1_cache" }, shared: { name: "shared", external: true } },
};

type Override = Record<string, Record<string, Record<string, unknown>>>;

describe("the grader's Compose override", () => {
  it("labels every container, built image, and owned network and volume", () => {
    const override = parseDocument(runOverride(MODEL, LABELS)).toJS() as Override;
    expect(override["services"]?.["web"]).toMatchObject({ labels: LABELS, build: { labels: LABELS } });
    expect(override["services"]?.["db"]).toEqual({ labels: LABELS });
    expect(override["networks"]).toEqual({ back: { labels: LABELS } });
    expect(override["volumes"]).toEqual({ data: { labels: LABELS } });
  });

  it("publishes every port on loopback (the declared one, else 127.0.0.1) with a host port the engine chooses", () => {
    expect(loopbackPorts(MODEL.services["web"]?.ports ?? [])).toEqual([
      { target: 8080, protocol: "tcp", host_ip: "127.0.0.1" },
      { target: 9090, protocol: "tcp", host_ip: "127.0.0.1" },
      { target: 7000, host_ip: "127.0.0.1", protocol: "tcp" },
      { target: 53, protocol: "udp", host_ip: "127.0.0.1" },
      { target: 8443, protocol: "tcp", host_ip: "127.0.0.1" },
      { target: 6000, host_ip: "::1", protocol: "tcp" },
    ]);
  });

  it("replaces the ports list (Compose would append it) only where something moves", () => {
    const yaml = runOverride(MODEL, LABELS);
    expect(yaml).toMatch(/web:[\s\S]*ports: !override\n/);
    const override = parseDocument(yaml).toJS() as { services: Record<string, { ports?: unknown[] }> };
    expect(override.services["web"]?.ports).toHaveLength(6);
    expect(override.services["admin"]?.ports).toBeUndefined();
  });

  it("leaves the declared addresses and host ports for the network checks to judge", () => {
    expect(declaredPorts(MODEL.services["web"]?.ports).map(describeDeclared)).toEqual([
      "0.0.0.0:<any>->8080/tcp",
      "0.0.0.0:9090->9090/tcp",
      "127.0.0.1:7000->7000/tcp",
      "192.168.1.5:53->53/udp",
      "[::]:8443->8443/tcp",
      "[::1]:6000->6000/tcp",
    ]);
  });

  it("moves a fixed container name into the run's project, keeping it as an alias on each of the service's networks", () => {
    const override = parseDocument(runOverride(FIXED, LABELS)).toJS() as Override;
    expect(override["services"]?.["db"]).toMatchObject({
      container_name: "dockgrade-r1-db-1",
      networks: { default: { aliases: ["kvdb"] }, back: { aliases: ["kvdb"] } },
    });
    // On another service's network stack: no network of its own to carry the alias.
    expect(override["services"]?.["side"]).toEqual({ labels: LABELS, container_name: "dockgrade-r1-side-1" });
    expect(override["services"]?.["web"]).toEqual({ labels: LABELS });
  });

  it("tags each image the project builds with the run's name, dropping the fixed tags, and runs a service that names a built tag on the run's image", () => {
    const built: ComposeModel = {
      name: "dockgrade-r1",
      services: {
        api: { build: { context: "/s/api", tags: ["kv/api:latest"] }, image: "kv/api:1.0" },
        worker: { image: "kv/api:latest" },
        cache: { image: "busybox:1.36" },
      },
    };
    const yaml = runOverride(built, LABELS);
    // Compose appends `build.tags` across files: only `!reset` drops the declared ones.
    expect(yaml).toMatch(/tags: !reset \[\]\n/);
    const override = parseDocument(yaml).toJS() as Override;
    expect(override["services"]?.["api"]).toEqual({ labels: LABELS, build: { labels: LABELS, tags: [] }, image: "dockgrade-r1-api" });
    expect(override["services"]?.["worker"]).toEqual({ labels: LABELS, image: "dockgrade-r1-api" });
    expect(override["services"]?.["cache"]).toEqual({ labels: LABELS });
  });

  it("moves fixed network and volume names to the names Compose gives unnamed ones, and leaves external ones alone", () => {
    const override = parseDocument(runOverride(FIXED, LABELS)).toJS() as Override;
    expect(override["networks"]).toEqual({ default: { name: "dockgrade-r1_default", labels: LABELS }, back: { labels: LABELS } });
    expect(override["volumes"]).toEqual({ "kv-data": { name: "dockgrade-r1_kv-data", labels: LABELS }, cache: { labels: LABELS } });
  });
});
