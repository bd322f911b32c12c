import { resolve } from "node:path";
import type { ComposeModel, ComposeService } from "../../engine/compose-model.ts";

/**
 * Pure comparison of the project resolved without and with an override file: what the override
 * changes, service by service and field by field, and whether the settings it must carry are
 * there (and only there).
 */

export interface ServiceChange {
  readonly service: string;
  /** A top-level field of the service (`environment`, `volumes`...), or `(added)` / `(removed)`. */
  readonly field: string;
}

export function serviceChanges(base: ComposeModel, merged: ComposeModel): ServiceChange[] {
  const changes: ServiceChange[] = [];
  const names = [...new Set([...Object.keys(base.services), ...Object.keys(merged.services)])].sort();
  for (const service of names) {
    const before = base.services[service];
    const after = merged.services[service];
    if (!before) changes.push({ service, field: "(added)" });
    else if (!after) changes.push({ service, field: "(removed)" });
    else {
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort() as (keyof ComposeService)[];
      for (const field of fields) if (canonical(before[field]) !== canonical(after[field])) changes.push({ service, field });
    }
  }
  return changes;
}

/** JSON with sorted keys, so that two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_, inner: unknown) =>
      inner && typeof inner === "object" && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : inner,
    ) ?? "undefined"
  );
}

/** Settings an override must bring to a service (and the base must not have). */
export interface OverrideSetting {
  readonly service: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** Bind mounts, `source` relative to the submission folder. */
  readonly binds?: readonly { readonly source: string; readonly target: string }[];
}

export type SettingState = "override-only" | "missing" | "also-in-base";

export interface SettingResult {
  readonly label: string;
  readonly state: SettingState;
}

export function overrideSettingStates(base: ComposeModel, merged: ComposeModel, settings: readonly OverrideSetting[], root: string): SettingResult[] {
  const results: SettingResult[] = [];
  const state = (inMerged: boolean, inBase: boolean): SettingState => (!inMerged ? "missing" : inBase ? "also-in-base" : "override-only");
  for (const { service, environment, binds } of settings) {
    for (const [key, value] of Object.entries(environment ?? {})) {
      const has = (model: ComposeModel) => model.services[service]?.environment?.[key] === value;
      results.push({ label: `${service}.environment.${key}=${value}`, state: state(has(merged), has(base)) });
    }
    for (const bind of binds ?? []) {
      const source = resolve(root, bind.source);
      const has = (model: ComposeModel) =>
        (model.services[service]?.volumes ?? []).some(
          (mount) => mount.type === "bind" && mount.target === bind.target && mount.source !== undefined && resolve(mount.source) === source,
        );
      results.push({ label: `${service}.volumes: ./${bind.source}:${bind.target}`, state: state(has(merged), has(base)) });
    }
  }
  return results;
}

/** Changes outside `allowed` (service -> fields it may change). */
export function changesOutside(changes: readonly ServiceChange[], allowed: Readonly<Record<string, readonly string[]>>): ServiceChange[] {
  return changes.filter((change) => !(allowed[change.service] ?? []).includes(change.field));
}
