import type { ComposeModel } from "../../engine/compose-model.ts";

/**
 * What is mounted on a path, as the resolved Compose model declares it. Pure: the model in, a
 * classification out, so the rules are unit-tested without an engine.
 */
export type DeclaredMount =
  | { readonly kind: "none"; readonly others: readonly string[] }
  | { readonly kind: "anonymous" }
  | { readonly kind: "bind"; readonly source: string }
  | { readonly kind: "tmpfs" }
  /**
   * `name` is the declared volume name; `projectScoped` when Compose prefixed it with the project, and
   * only then is it also the engine's name during the run (the grader moves a fixed one: harness/compose/run-names.ts).
   */
  | { readonly kind: "named"; readonly key: string; readonly name: string; readonly external: boolean; readonly projectScoped: boolean };

export function declaredMount(model: ComposeModel, service: string, target: string): DeclaredMount {
  const mounts = model.services[service]?.volumes ?? [];
  const mount = mounts.find((candidate) => samePath(candidate.target, target));
  const tmpfs = (model.services[service]?.tmpfs ?? []).some((entry) => samePath(entry.split(":")[0] ?? "", target));
  if (!mount) {
    if (tmpfs) return { kind: "tmpfs" };
    return { kind: "none", others: mounts.map((other) => `${other.type} ${other.source ?? "(anonymous)"} -> ${other.target}`) };
  }
  if (mount.type === "bind") return { kind: "bind", source: mount.source ?? "" };
  if (mount.type === "tmpfs") return { kind: "tmpfs" };
  if (mount.type !== "volume" || !mount.source) return { kind: "anonymous" };
  const declared = model.volumes?.[mount.source];
  const name = declared?.name ?? `${model.name}_${mount.source}`;
  return { kind: "named", key: mount.source, name, external: declared?.external === true, projectScoped: name === `${model.name}_${mount.source}` };
}

/** One entry of `docker inspect` Mounts, the fields the storage checks read. */
export interface RuntimeMount {
  readonly Type?: string;
  readonly Name?: string;
  readonly Source?: string;
  readonly Destination: string;
  readonly RW?: boolean;
}

export function runtimeMountAt(mounts: readonly RuntimeMount[], target: string): RuntimeMount | undefined {
  return mounts.find((mount) => samePath(mount.Destination, target));
}

/** Docker names anonymous volumes with 64 hex digits. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

export function describeRuntimeMount(mount: RuntimeMount | undefined): string {
  if (!mount) return "(nothing mounted)";
  if (mount.Type === "volume") return `volume ${mount.Name && isAnonymousVolumeName(mount.Name) ? "(anonymous)" : mount.Name}`;
  return `${mount.Type ?? "?"} ${mount.Source ?? ""}`.trim();
}

function samePath(a: string, b: string): boolean {
  const trim = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);
  return trim(a) === trim(b);
}
