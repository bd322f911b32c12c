import { stringify } from "yaml";
import type { Labels } from "../engine/labels.ts";
import type { ComposeModel } from "./compose-model.ts";

/**
 * A Compose override file that puts the run's labels on every service container, every image
 * Compose builds, and every network and volume the project owns (external ones are not ours).
 * Compose merges label maps, so the submission's own labels stay. Pure: the model in, YAML out.
 */
export function labelOverride(model: ComposeModel, labels: Labels): string {
  const services = Object.fromEntries(
    Object.entries(model.services).map(([name, service]) => [name, service.build ? { labels, build: { labels } } : { labels }]),
  );
  const owned = <T extends { external?: boolean }>(entries: Readonly<Record<string, T>> | undefined) =>
    Object.fromEntries(Object.entries(entries ?? {}).filter(([, value]) => !value?.external).map(([name]) => [name, { labels }]));
  const override: Record<string, unknown> = { services };
  const networks = owned(model.networks);
  const volumes = owned(model.volumes);
  if (Object.keys(networks).length > 0) override["networks"] = networks;
  if (Object.keys(volumes).length > 0) override["volumes"] = volumes;
  return stringify(override);
}

/** Bind mounts that reach outside the submission: the grader's machine is not the student's to read. */
export function bindsOutside(model: ComposeModel, root: string): string[] {
  return Object.entries(model.services).flatMap(([name, service]) =>
    (service.volumes ?? [])
      .filter((mount) => mount.type === "bind" && mount.source !== undefined && mount.source !== root && !mount.source.startsWith(`${root}/`))
      .map((mount) => `${name}: ${mount.source}:${mount.target}`),
  );
}
