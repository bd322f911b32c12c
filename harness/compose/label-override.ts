import { Document, type YAMLSeq } from "yaml";
import type { Labels } from "../kernel/run-labels.ts";
import type { ComposeModel, ComposeService } from "../engine/compose-model.ts";
import { isLoopback } from "./loopback.ts";

type PublishedPort = NonNullable<ComposeService["ports"]>[number];

/**
 * A Compose override file the grader adds to the submission's files. It puts the run's labels on
 * every service container, every image Compose builds, and every network and volume the project
 * owns (external ones are not ours); Compose merges label maps, so the submission's own labels stay.
 * It also keeps published ports on the host: see `loopbackPorts`. Pure: the model in, YAML out.
 */
export function labelOverride(model: ComposeModel, labels: Labels): string {
  const document = new Document({});
  for (const [name, service] of Object.entries(model.services)) {
    document.setIn(["services", name], document.createNode(service.build ? { labels, build: { labels } } : { labels }));
    const ports = service.ports ?? [];
    if (ports.some((port) => !keptAsDeclared(port))) {
      // Compose appends `ports` across files; `!override` (Compose 2.24+) replaces the list instead.
      const replaced = document.createNode(loopbackPorts(ports)) as YAMLSeq;
      replaced.tag = "!override";
      document.setIn(["services", name, "ports"], replaced);
    }
  }
  const owned = <T extends { external?: boolean }>(entries: Readonly<Record<string, T>> | undefined) =>
    Object.fromEntries(
      Object.entries(entries ?? {})
        .filter(([, value]) => !value?.external)
        .map(([name]) => [name, { labels }]),
    );
  const networks = owned(model.networks);
  const volumes = owned(model.volumes);
  if (Object.keys(networks).length > 0) document.set("networks", document.createNode(networks));
  if (Object.keys(volumes).length > 0) document.set("volumes", document.createNode(volumes));
  return document.toString();
}

/**
 * The ports as the grader publishes them: a port declared on a loopback address stays as written;
 * any other (no address, 0.0.0.0, ::, a host's own address) is published on 127.0.0.1 with a host
 * port the engine chooses, so a submission never listens on the grader's network and two runs never
 * want the same host port. The network checks judge the declared address from the model.
 */
export function loopbackPorts(ports: readonly PublishedPort[]): PublishedPort[] {
  return ports.map((port) => {
    if (keptAsDeclared(port)) return port;
    const { published: _published, host_ip: _hostIp, ...rest } = port;
    return { ...rest, host_ip: "127.0.0.1" };
  });
}

function keptAsDeclared(port: PublishedPort): boolean {
  return port.host_ip !== undefined && isLoopback(port.host_ip);
}
