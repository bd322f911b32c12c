import type { ComposeModel } from "../../engine/compose-model.ts";

/** Pure rules about which services a resolution holds, and what a production resolution must not hold. */

/** A resolution (files and profiles) and exactly the services it must hold. */
export interface ProfileExpectation {
  /** Default: the exercise's files. `[]`: Compose's defaults, as a bare `docker compose up`. */
  readonly files?: readonly string[];
  readonly profiles: readonly string[];
  readonly services: readonly string[];
}

export function compareServices(model: ComposeModel, expected: readonly string[]): { missing: string[]; extra: string[] } {
  const actual = Object.keys(model.services);
  return {
    missing: expected.filter((name) => !actual.includes(name)).sort(),
    extra: actual.filter((name) => !expected.includes(name)).sort(),
  };
}

/** What the production resolution (`docker compose up` with no flag) must look like. */
export interface ProductionRules {
  readonly services: readonly string[];
  /** Settings production must have, e.g. `{ app: { LOG_LEVEL: "info" } }`. */
  readonly environment?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Bind mounts (host source code in the container) are a development convenience. */
  readonly forbidBindMounts?: boolean;
}

export type ProductionProblem =
  | { readonly kind: "services"; readonly missing: readonly string[]; readonly extra: readonly string[] }
  | { readonly kind: "bind-mount"; readonly service: string; readonly source: string; readonly target: string }
  | { readonly kind: "environment"; readonly service: string; readonly key: string; readonly expected: string; readonly actual: string | undefined };

/** One criterion per rule family (services, bind mounts, environment), for partial credit. */
export function productionProblems(model: ComposeModel, rules: ProductionRules): { problems: ProductionProblem[]; criteria: number; failedCriteria: number } {
  const problems: ProductionProblem[] = [];
  const { missing, extra } = compareServices(model, rules.services);
  if (missing.length + extra.length > 0) problems.push({ kind: "services", missing, extra });
  if (rules.forbidBindMounts) {
    for (const [service, definition] of Object.entries(model.services)) {
      for (const mount of definition.volumes ?? []) {
        if (mount.type === "bind") problems.push({ kind: "bind-mount", service, source: mount.source ?? "", target: mount.target });
      }
    }
  }
  for (const [service, settings] of Object.entries(rules.environment ?? {})) {
    for (const [key, expected] of Object.entries(settings)) {
      const actual = model.services[service]?.environment?.[key] ?? undefined;
      if (actual !== expected) problems.push({ kind: "environment", service, key, expected, actual });
    }
  }
  const families = new Set(problems.map((problem) => problem.kind));
  const criteria = 1 + (rules.forbidBindMounts ? 1 : 0) + (rules.environment && Object.keys(rules.environment).length > 0 ? 1 : 0);
  return { problems, criteria, failedCriteria: families.size };
}
