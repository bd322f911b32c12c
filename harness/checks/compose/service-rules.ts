import type { ComposeModel, ComposeService } from "../../engine/compose-model.ts";

/**
 * Pure rules over the resolved Compose model (`docker compose config --format json`): which of
 * the services, healthchecks and dependencies an exercise asks for are there. No engine, no files.
 */

export function missingServices(model: ComposeModel, required: readonly string[]): string[] {
  return required.filter((name) => !(name in model.services));
}

export type HealthcheckState = "declared" | "absent" | "disabled" | "no-service";

/**
 * `healthcheck: { disable: true }` and `test: ["NONE"]` both switch a probe off, including one the
 * image declares. Absent means the service only has what its image declares, if anything: the
 * exercise asks for it in the Compose file, where the stack's author can read it.
 */
export function healthcheckState(service: ComposeService | undefined): HealthcheckState {
  if (!service) return "no-service";
  const check = service.healthcheck;
  if (!check) return "absent";
  if (check.disable === true || check.test?.[0] === "NONE") return "disabled";
  return check.test && check.test.length > 0 ? "declared" : "absent";
}

/** A dependent service and the service it must wait for. */
export interface Dependency {
  readonly dependent: string;
  readonly dependency: string;
}

export type DependencyState =
  | { readonly state: "healthy" }
  /** Declared, but with another condition (the short list form means `service_started`). */
  | { readonly state: "other-condition"; readonly condition: string }
  | { readonly state: "absent" }
  | { readonly state: "no-service"; readonly service: string };

export function dependencyState(model: ComposeModel, { dependent, dependency }: Dependency): DependencyState {
  const service = model.services[dependent];
  if (!service) return { state: "no-service", service: dependent };
  if (!model.services[dependency]) return { state: "no-service", service: dependency };
  const declared = service.depends_on?.[dependency];
  if (!declared) return { state: "absent" };
  return declared.condition === "service_healthy" ? { state: "healthy" } : { state: "other-condition", condition: declared.condition };
}

export function formatDependency({ dependent, dependency }: Dependency): string {
  return `${dependent} -> ${dependency}`;
}
