import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { ComposeConfigOutcome } from "../engine/clients/compose-project-spec.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { READ_BY_COMPOSE, rawFindings, resolvedFindings, serviceNames, toViolations, type ComposeCheckOptions, type PlacedFinding } from "./compose-check.ts";
import { composeViolation } from "./compose-rules.ts";
import type { ComposeSource } from "./compose-sources.ts";
import { classifyHostPath, diskView } from "./host-paths.ts";
import type { PolicyViolation } from "./violation.ts";

/** What the Compose pass judges: the project's files as the grader read them, and how to ask Compose. */
export interface ComposePolicyInput {
  readonly exercise: Exercise;
  /** Real path of the submission folder. */
  readonly root: string;
  /** Socket paths of the engine the grader talks to: mounting one hands over the host. */
  readonly engineSockets: readonly string[];
  /** The exercise's files, Compose's default ones, and what they include or extend (readComposeSources). */
  readonly sources: readonly ComposeSource[];
  /** The files among them the grader refused to read (not regular, too large, not UTF-8, not YAML). */
  readonly unreadable: readonly PolicyViolation[];
  /** `docker compose config` of the project, literal (`interpolate: false`) or interpolated. */
  resolve(interpolate: boolean): Promise<ComposeConfigOutcome>;
}

/** What the Compose pass found; `stopped` when Compose must not run on the project at all. */
export interface ComposeVerdict {
  readonly violations: PolicyViolation[];
  readonly stopped: boolean;
}

/**
 * The Compose project's settings the grader refuses, found before anything is built or started.
 * First the raw files (and what they include or extend), parsed by the grader itself: an alias
 * bomb, non-UTF-8 or binary file, or a file Compose would read from outside the submission stops
 * here, before `docker compose` runs. Then the models `docker compose config` resolves, literal and
 * interpolated, since a variable can hide a setting (`privileged: ${P}`). A project Compose rejects
 * is not a policy matter: the compose-valid check reports it.
 */
export async function checkComposePolicy(input: ComposePolicyInput): Promise<ComposeVerdict> {
  const { exercise, root, sources } = input;
  const files = exercise.compose?.files ?? [];
  const options: ComposeCheckOptions = { root, capAdd: exercise.policy.capAdd, view: diskView, engineSockets: input.engineSockets };
  const dotEnv = await dotEnvViolation(root);
  const raw = rawFindings(sources, options, serviceNames(sources));
  const verdict = (placed: readonly PlacedFinding[], stopped = false): ComposeVerdict => ({
    violations: inFileOrder([...(dotEnv ? [dotEnv] : []), ...input.unreadable, ...toViolations(placed)], files),
    stopped,
  });
  // Once Compose would read a file it must not, it does not run; an exception the exercise allows does not stop it.
  const allowed = new Set(exercise.policy.allow);
  const blocks = (placed: readonly PlacedFinding[]) => placed.some(({ finding }) => READ_BY_COMPOSE.has(finding.rule) && !allowed.has(finding.rule));
  if ((dotEnv && !allowed.has(dotEnv.rule)) || input.unreadable.some((violation) => !allowed.has(violation.rule)) || blocks(raw)) return verdict(raw, true);

  const firstFile = files[0] ?? "compose.yaml";
  // Literal first: the interpolated resolution reads env files into the model, so their paths are judged before.
  const literal = await input.resolve(false);
  if (!literal.ok) return verdict(raw);
  const literalFound = resolvedFindings(literal.model, sources, { ...options, interpolated: false, firstFile }, serviceNames(sources, literal.model));
  if (blocks(literalFound)) return verdict([...raw, ...literalFound], true);
  const interpolated = await input.resolve(true);
  if (!interpolated.ok) return verdict([...raw, ...literalFound]);
  const interpolatedFound = resolvedFindings(
    interpolated.model,
    sources,
    { ...options, interpolated: true, firstFile },
    serviceNames(sources, interpolated.model),
  );
  return verdict([...raw, ...literalFound, ...interpolatedFound]);
}

/** The exercise's files in their order, then included ones; lines ascending, unplaced last. */
function inFileOrder(violations: PolicyViolation[], files: readonly string[]): PolicyViolation[] {
  const rank = (file: string) => (files.includes(file) ? files.indexOf(file) : files.length);
  return violations
    .map((violation, index) => ({ violation, index }))
    .sort(
      (a, b) =>
        rank(a.violation.file) - rank(b.violation.file) ||
        a.violation.file.localeCompare(b.violation.file) ||
        (a.violation.line ?? Infinity) - (b.violation.line ?? Infinity) ||
        a.index - b.index,
    )
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
