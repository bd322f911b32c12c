import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { composeProjectName } from "../kernel/run-labels.ts";
import type { ComposeProjectSpec } from "../engine/clients/compose-project-spec.ts";
import { composeFiles } from "../engine/clients/compose-invocation.ts";
import { READ_BY_COMPOSE, rawFindings, resolvedFindings, serviceNames, toViolations, type ComposeCheckOptions, type PlacedFinding } from "./compose-check.ts";
import { composeViolation } from "./compose-rules.ts";
import { readComposeSources } from "./compose-sources.ts";
import { classifyHostPath, diskView, engineSocketPaths } from "./host-paths.ts";
import type { PolicyInput, PolicyViolation } from "./violation.ts";

/**
 * The Compose project's settings the grader refuses, found before anything is built or started.
 * First the raw files (and what they include or extend), parsed by the grader itself: an alias
 * bomb, non-UTF-8 or binary file, or a file Compose would read from outside the submission stops
 * here, before `docker compose` runs. Then the models `docker compose config` resolves, literal and
 * interpolated, since a variable can hide a setting (`privileged: ${P}`). A project Compose rejects
 * is not a policy matter: the compose-valid check reports it.
 */
export async function checkComposePolicy(input: PolicyInput): Promise<PolicyViolation[]> {
  const compose = input.exercise.compose;
  if (!compose) return [];
  const root = input.submission.root;
  const options: ComposeCheckOptions = { root, capAdd: input.exercise.policy.capAdd, view: diskView, engineSockets: engineSocketPaths(input.engine.endpoint.host) };
  const dotEnv = await dotEnvViolation(root);
  // Checks also resolve the project with Compose's default files (an autoloaded compose.override.yaml).
  const files = [...new Set([...compose.files, ...composeFiles({ dir: root, files: [] })])];
  const { sources, violations: unreadable } = await readComposeSources(root, files, diskView);
  const raw = rawFindings(sources, options, serviceNames(sources));
  const stopped = (placed: readonly PlacedFinding[]) => inFileOrder([...(dotEnv ? [dotEnv] : []), ...unreadable, ...toViolations(placed)], compose.files);
  // Once Compose would read a file it must not, it does not run; an exception the exercise allows does not stop it.
  const allowed = new Set(input.exercise.policy.allow);
  const blocks = (placed: readonly PlacedFinding[]) => placed.some(({ finding }) => READ_BY_COMPOSE.has(finding.rule) && !allowed.has(finding.rule));
  if ((dotEnv && !allowed.has(dotEnv.rule)) || unreadable.some((violation) => !allowed.has(violation.rule)) || blocks(raw)) return stopped(raw);

  const spec: ComposeProjectSpec = { dir: root, files: compose.files, projectName: composeProjectName(input.runId), profiles: compose.profiles };
  const firstFile = compose.files[0] ?? "compose.yaml";
  // Literal first: the interpolated resolution reads env files into the model, so their paths are judged before.
  const literal = await input.engine.compose.config(spec, { interpolate: false });
  if (!literal.ok) return stopped(raw);
  const literalFound = resolvedFindings(literal.model, sources, { ...options, interpolated: false, firstFile }, serviceNames(sources, literal.model));
  if (blocks(literalFound)) return stopped([...raw, ...literalFound]);
  const interpolated = await input.engine.compose.config(spec);
  if (!interpolated.ok) return stopped([...raw, ...literalFound]);
  const interpolatedFound = resolvedFindings(interpolated.model, sources, { ...options, interpolated: true, firstFile }, serviceNames(sources, interpolated.model));
  return stopped([...raw, ...literalFound, ...interpolatedFound]);
}

/** The exercise's files in their order, then included ones; lines ascending, unplaced last. */
function inFileOrder(violations: PolicyViolation[], files: readonly string[]): PolicyViolation[] {
  const rank = (file: string) => (files.includes(file) ? files.indexOf(file) : files.length);
  return violations
    .map((violation, index) => ({ violation, index }))
    .sort((a, b) => rank(a.violation.file) - rank(b.violation.file) || a.violation.file.localeCompare(b.violation.file) || (a.violation.line ?? Infinity) - (b.violation.line ?? Infinity) || a.index - b.index)
    .map(({ violation }) => violation);
}

/** Compose reads the submission's `.env` (grading passes it explicitly): it must be a regular file inside. */
async function dotEnvViolation(root: string): Promise<PolicyViolation | undefined> {
  const path = join(root, ".env");
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  const verdict = classifyHostPath(path, root, root, diskView);
  if (verdict.kind !== "inside") return composeViolation("env-file-outside", { file: ".env" }, ".env", "real" in verdict ? verdict.real : undefined);
  if (diskView.isSpecial(verdict.real)) return composeViolation("env-file-outside", { file: ".env" }, ".env", verdict.real);
  return undefined;
}
