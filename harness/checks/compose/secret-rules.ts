import type { ComposeModel } from "../../engine/compose-model.ts";
import { isInside } from "../../submission/inside-root.ts";
import { findSecretAssignments, findSecretShapes, mask, type SecretFinding } from "../../secrets/secret-detector.ts";

/** A secret the exercise asks for, and the services that must receive it. */
export interface SecretExpectation {
  readonly name: string;
  readonly services: readonly string[];
}

export type SecretProblem =
  /** No top-level `secrets: { <name>: ... }`. */
  | { readonly kind: "undeclared"; readonly secret: string }
  /** Declared from an environment variable or as external, not from a file. */
  | { readonly kind: "not-a-file"; readonly secret: string; readonly source: string }
  /** A `file:` outside the submission: the grader neither reads nor mounts the host's files. */
  | { readonly kind: "outside"; readonly secret: string; readonly file: string }
  | { readonly kind: "not-granted"; readonly secret: string; readonly service: string }
  | { readonly kind: "no-service"; readonly secret: string; readonly service: string };

/** The file a secret is declared from, when it lies inside the submission. */
export function secretFile(model: ComposeModel, name: string, root: string): string | undefined {
  const file = model.secrets?.[name]?.file;
  return file !== undefined && isInside(root, file) ? file : undefined;
}

/** Where a service sees a secret: a relative `target` lands under /run/secrets/. */
export function secretTarget(model: ComposeModel, service: string, name: string): string | undefined {
  const grant = model.services[service]?.secrets?.find((entry) => entry.source === name);
  if (!grant) return undefined;
  const target = grant.target ?? name;
  return target.startsWith("/") ? target : `/run/secrets/${target}`;
}

/**
 * Each expectation is worth 1 + one per service (declared from a file, then granted to each
 * service): the problems found, and how many criteria there were, for partial credit.
 */
export function secretProblems(model: ComposeModel, expectations: readonly SecretExpectation[], root: string): { problems: SecretProblem[]; criteria: number } {
  const problems: SecretProblem[] = [];
  let criteria = 0;
  for (const { name, services } of expectations) {
    criteria += 1 + services.length;
    const declared = model.secrets?.[name];
    if (!declared) problems.push({ kind: "undeclared", secret: name });
    else if (declared.file === undefined) {
      problems.push({
        kind: "not-a-file",
        secret: name,
        source: declared.environment !== undefined ? `environment: ${declared.environment}` : declared.external ? "external" : "(no file)",
      });
    } else if (!isInside(root, declared.file)) problems.push({ kind: "outside", secret: name, file: declared.file });
    for (const service of services) {
      if (!model.services[service]) problems.push({ kind: "no-service", secret: name, service });
      else if (!secretTarget(model, service, name)) problems.push({ kind: "not-granted", secret: name, service });
    }
  }
  return { problems, criteria };
}

/**
 * Secret-looking values in the services' resolved environments: secret-looking names with a
 * literal value, well-known token shapes, and the very value of one of the project's secret files.
 * The resolved model already holds what `env_file` and `.env` interpolation put there.
 */
export function environmentSecretFindings(model: ComposeModel, secretValues: ReadonlyMap<string, string>): SecretFinding[] {
  const findings = Object.entries(model.services).flatMap(([service, definition]) => {
    const where = `services.${service}.environment`;
    const entries = Object.entries(definition.environment ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    return [
      ...findSecretAssignments(where, entries),
      ...entries.flatMap(([key, value]) => findSecretShapes(where, value).map((finding) => ({ ...finding, key }))),
      ...entries.flatMap(([key, value]) =>
        [...secretValues]
          .filter(([, secret]) => secret.length >= 4 && value.includes(secret))
          .map(([name]) => ({ where, key, excerpt: `${key}=${mask(value)}`, reason: `value of secret ${name}` })),
      ),
    ];
  });
  // One finding per variable: the first reason found is the one reported.
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const id = `${finding.where}|${finding.key ?? finding.excerpt}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
