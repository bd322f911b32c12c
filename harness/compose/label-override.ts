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

/**
 * Every host path the project would read, outside the submission: bind mounts, env files, secret
 * and config files, build contexts (a remote context too). The grader's machine is not the
 * student's to read. Read on the model resolved without interpolation, where env_file survives;
 * a path still holding a variable cannot be vouched for and counts as outside.
 */
export function pathsOutside(model: ComposeModel, root: string): string[] {
  const outside = (path: string | undefined) =>
    path !== undefined && (path.includes("$") || path.includes("://") || path.startsWith("git@") || (path !== root && !path.startsWith(`${root}/`)));
  const services = Object.entries(model.services).flatMap(([name, service]) => [
    ...(service.volumes ?? []).filter((mount) => mount.type === "bind" && outside(mount.source)).map((mount) => `${name}: ${mount.source}:${mount.target}`),
    ...(service.env_file ?? []).map((file) => (typeof file === "string" ? file : file.path)).filter(outside).map((path) => `${name}: env_file ${path}`),
    ...(service.build && outside(service.build.context) ? [`${name}: build context ${service.build.context}`] : []),
  ]);
  const files = (kind: string, entries: Readonly<Record<string, { readonly file?: string }>> | undefined) =>
    Object.entries(entries ?? {}).filter(([, entry]) => outside(entry.file)).map(([name, entry]) => `${kind} ${name}: ${entry.file}`);
  return [...services, ...files("secret", model.secrets), ...files("config", model.configs)];
}
