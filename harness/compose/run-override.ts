import { Document, type YAMLSeq } from "yaml";
import type { Labels } from "../kernel/run-labels.ts";
import type { ComposeModel, ComposeService } from "../engine/compose-model.ts";
import { isLoopback } from "./loopback.ts";
import { fixedNames, runImageName } from "./run-names.ts";

type PublishedPort = NonNullable<ComposeService["ports"]>[number];

/**
 * The Compose override file the grader adds to the submission's files, so that the run touches
 * nothing but its own objects. It puts the run's labels on every service container, every image
 * Compose builds, and every network and volume the project owns (external ones are not ours);
 * Compose merges label maps, so the submission's own labels stay. It moves every name the file fixes
 * into the run's project (run-names.ts), the tag of every image the project builds included, so
 * that the run's teardown removes its own image and never the user's of the same name; it keeps a
 * fixed container name as a DNS alias on the service's networks so the other services still reach
 * it by it. And it keeps published ports on the host with a port of the engine's choosing: see
 * `loopbackPorts`. Pure: the model in, YAML out; the checks judge the declared model.
 */
export function runOverride(model: ComposeModel, labels: Labels): string {
  const document = new Document({});
  const fixed = fixedNames(model);
  for (const [name, service] of Object.entries(model.services)) {
    document.setIn(["services", name], document.createNode(service.build ? { labels, build: { labels } } : { labels }));
    const image = runImageName(model, name);
    if (image !== undefined) document.setIn(["services", name, "image"], image);
    if (service.build?.tags?.length) {
      // Compose appends `build.tags` across files; `!reset` (Compose 2.24+) drops the fixed ones, the run's image: tag is enough.
      const none = document.createNode([]) as YAMLSeq;
      none.tag = "!reset";
      document.setIn(["services", name, "build", "tags"], none);
    }
    const container = fixed.find((entry) => entry.kind === "container" && entry.key === name);
    if (container) {
      document.setIn(["services", name, "container_name"], container.run);
      // Compose merges aliases across files; a service on `network_mode` has no networks to name it on.
      for (const network of Object.keys(service.networks ?? {})) {
        document.setIn(["services", name, "networks", network], document.createNode({ aliases: [container.declared] }));
      }
    }
    const ports = service.ports ?? [];
    if (ports.some((port) => !keptAsDeclared(port))) {
      // Compose appends `ports` across files; `!override` (Compose 2.24+) replaces the list instead.
      const replaced = document.createNode(loopbackPorts(ports)) as YAMLSeq;
      replaced.tag = "!override";
      document.setIn(["services", name, "ports"], replaced);
    }
  }
  const owned = (kind: "networks" | "volumes", singular: "network" | "volume") =>
    Object.fromEntries(
      Object.entries(model[kind] ?? {})
        .filter(([, value]) => !value?.external)
        .map(([key]) => {
          const renamed = fixed.find((entry) => entry.kind === singular && entry.key === key);
          return [key, renamed ? { name: renamed.run, labels } : { labels }];
        }),
    );
  const networks = owned("networks", "network");
  const volumes = owned("volumes", "volume");
  if (Object.keys(networks).length > 0) document.set("networks", document.createNode(networks));
  if (Object.keys(volumes).length > 0) document.set("volumes", document.createNode(volumes));
  return document.toString();
}

/**
 * The ports as the grader publishes them: on the loopback address the file declares, else on
 * 127.0.0.1, and always on a host port the engine chooses, so a submission never listens on the
 * grader's network and neither two runs nor a run and the user's own stack ever want the same host
 * port. The network checks judge the declared address and port from the model, and knock where the
 * engine bound.
 */
export function loopbackPorts(ports: readonly PublishedPort[]): PublishedPort[] {
  return ports.map((port) => {
    if (keptAsDeclared(port)) return port;
    const { published: _published, host_ip: hostIp, ...rest } = port;
    return { ...rest, host_ip: hostIp !== undefined && isLoopback(hostIp) ? hostIp : "127.0.0.1" };
  });
}

/** Already on loopback, with a host port the engine chooses. */
function keptAsDeclared(port: PublishedPort): boolean {
  return port.host_ip !== undefined && isLoopback(port.host_ip) && port.published === undefined;
}
