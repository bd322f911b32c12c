import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import type { ComposeModel } from "../../../harness/engine/compose-model.ts";
import { CONTAINER_NAME_RULE, FIXED_RESOURCE_NAME_RULE, fixedNameFindings } from "../../../harness/compose/fixed-name-findings.ts";
import { fixedNames, runContainerName, runImageName, runResourceName } from "../../../harness/compose/run-names.ts";
import { buildTopology } from "../../../harness/checks/network/topology.ts";

const MODEL: ComposeModel = {
  name: "dockgrade-r1",
  services: { db: { container_name: "kvdb", networks: { default: null } }, web: {} },
  networks: { default: { name: "kvnet" }, corp: { name: "corp-lan", external: true } },
  volumes: { "kv-data": { name: "kv-data" }, cache: { name: "dockgrade-r1_cache" } },
};

const WRITTEN = `services:
  db:
    build: .
    container_name: kvdb
  web:
    image: busybox:1.36
networks:
  default:
    name: kvnet
volumes:
  kv-data:
    name: kv-data
  cache: {}
`;

function written(file: string, source: string) {
  const lines = new LineCounter();
  return { text: { file, source, document: parseDocument(source, { lineCounter: lines }), lines } };
}

describe("the run's names", () => {
  it("lists the names the file fixes for objects the project creates, with the run's name for each", () => {
    expect(fixedNames(MODEL)).toEqual([
      { kind: "container", key: "db", declared: "kvdb", run: "dockgrade-r1-db-1", at: ["services", "db", "container_name"] },
      { kind: "network", key: "default", declared: "kvnet", run: "dockgrade-r1_default", at: ["networks", "default", "name"] },
      { kind: "volume", key: "kv-data", declared: "kv-data", run: "dockgrade-r1_kv-data", at: ["volumes", "kv-data", "name"] },
    ]);
  });

  it("tags every image the project builds as Compose tags an unnamed build, and leaves images it only names", () => {
    const built: ComposeModel = {
      name: "dockgrade-r1",
      services: {
        api: { build: { context: "/s/api", tags: ["kv/api:latest"] }, image: "kv/api:1.0" },
        // Runs the api's build by one of its tags: the api's run tag, which this project builds.
        worker: { image: "kv/api:latest" },
        // Builds the api's tag too: Compose would build the tag once, so does the run.
        twin: { build: { context: "/s/api" }, image: "kv/api:1.0" },
        web: { build: { context: "/s/web" } },
        cache: { image: "busybox:1.36" },
      },
    };
    expect(Object.keys(built.services).map((service) => runImageName(built, service))).toEqual([
      "dockgrade-r1-api",
      "dockgrade-r1-api",
      "dockgrade-r1-api",
      "dockgrade-r1-web",
      undefined,
    ]);
  });

  it("finds the run's objects under the run's names, and external ones under their own", () => {
    expect(runResourceName(MODEL, "networks", "default")).toBe("dockgrade-r1_default");
    expect(runResourceName(MODEL, "networks", "corp")).toBe("corp-lan");
    expect(runResourceName(MODEL, "volumes", "kv-data")).toBe("dockgrade-r1_kv-data");
    expect(runContainerName(MODEL, "db")).toBe("dockgrade-r1-db-1");
  });

  it("lets the network checks see a renamed network as the project's own, under its Compose key", () => {
    const topology = buildTopology(MODEL, {
      db: {
        Id: "id-db",
        State: { Running: true },
        HostConfig: { NetworkMode: "dockgrade-r1_default" },
        NetworkSettings: { Networks: { "dockgrade-r1_default": { IPAddress: "172.30.0.2", DNSNames: ["dockgrade-r1-db-1", "db", "kvdb"] } } },
      },
    });
    expect(topology.services["db"]?.attachments).toEqual([
      {
        network: "default",
        engineName: "dockgrade-r1_default",
        owned: true,
        internal: false,
        ipv4: "172.30.0.2",
        dnsNames: ["dockgrade-r1-db-1", "db", "kvdb"],
      },
    ]);
  });
});

describe("the fixed-name findings", () => {
  it("teaches why each fixed name hurts, bilingual, on the line that writes it, with the course's chapter 06", () => {
    const findings = fixedNameFindings(MODEL, [written("compose.yaml", WRITTEN)]);
    expect(findings.map(({ rule, file, line, severity, course }) => ({ rule, file, line, severity, chapter: course?.chapter }))).toEqual([
      { rule: CONTAINER_NAME_RULE, file: "compose.yaml", line: 4, severity: "warning", chapter: "06" },
      { rule: FIXED_RESOURCE_NAME_RULE, file: "compose.yaml", line: 9, severity: "warning", chapter: "06" },
      { rule: FIXED_RESOURCE_NAME_RULE, file: "compose.yaml", line: 12, severity: "warning", chapter: "06" },
    ]);
    const [container, network, volume] = findings;
    expect(container?.message.en).toContain("only one copy of the project can run at a time");
    expect(container?.message.fr).toContain("une seule copie du projet");
    expect(network?.message.en).toContain('network "default"');
    expect(volume?.message.fr).toContain("partagent les mêmes données");
  });

  it("places a name an override file fixes in that file, not in the one that only holds the service", () => {
    const override = written("compose.override.yaml", "services:\n  db:\n    container_name: kvdb\n");
    const base = written("compose.yaml", "services:\n  db:\n    build: .\n");
    const [finding] = fixedNameFindings({ name: "p", services: { db: { container_name: "kvdb" } } }, [base, override]);
    expect(finding).toMatchObject({ file: "compose.override.yaml", line: 3 });
  });

  it("says nothing of a project whose names Compose chooses", () => {
    expect(fixedNameFindings({ name: "p", services: { db: {} }, volumes: { data: { name: "p_data" } } }, [written("compose.yaml", WRITTEN)])).toEqual([]);
  });
});
