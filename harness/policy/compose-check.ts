import { locate, type KeyLocation } from "../compose/key-lines.ts";
import { text } from "../kernel/text.ts";
import { scanCompose, type Finding, type HostPathUse, type Scan } from "./compose-findings.ts";
import { composeViolation, type ComposeRuleId } from "./compose-rules.ts";
import type { ComposeSource } from "./compose-sources.ts";
import { classifyHostPath, type HostView } from "./host-paths.ts";
import type { PolicyViolation } from "./violation.ts";

export interface ComposeCheckOptions {
  /** Real path of the submission folder. */
  readonly root: string;
  /** Capabilities the exercise allows in `cap_add`. */
  readonly capAdd: readonly string[];
  readonly view: HostView;
  readonly engineSockets: readonly string[];
}

/** Which reading of the project a finding comes from: the files as written, or a model Compose resolved. */
export type Pass = "raw" | "literal" | "interpolated";

/** A finding placed in a file; `line` when the rule found it there. */
export interface PlacedFinding {
  readonly finding: Finding;
  readonly pass: Pass;
  readonly file: string;
  readonly line?: number;
}

/** Rules whose files Compose reads while resolving the project: once broken, `docker compose config` must not run. */
export const READ_BY_COMPOSE: ReadonlySet<ComposeRuleId> = new Set(["include-outside", "extends-outside", "env-file-outside"]);

/** Every service name the project's files declare, so `service:<name>` references can be told apart. */
export function serviceNames(sources: readonly ComposeSource[], ...models: unknown[]): Set<string> {
  const services = (data: unknown) => Object.keys(((data as { services?: unknown } | null)?.services as Record<string, unknown> | null) ?? {});
  return new Set([...sources.flatMap((source) => services(source.text.data)), ...models.flatMap(services)]);
}

/** The files as written: every finding sits in the file it was read from, on its own line. */
export function rawFindings(sources: readonly ComposeSource[], options: ComposeCheckOptions, services: ReadonlySet<string>): PlacedFinding[] {
  return sources.flatMap((source) => {
    const scan = scanCompose(source.text.data, { base: source.base, capAdd: options.capAdd, services });
    return judged(scan, options, false).map((finding) => ({
      finding,
      pass: "raw" as const,
      file: source.text.file,
      ...lineOf(locate(source.text, finding.at)),
    }));
  });
}

/**
 * A model resolved by `docker compose config` (paths absolute, files merged, variables replaced
 * when `interpolated`), its findings placed back into the raw file that holds the same setting, or
 * on the first Compose file without a line when none does (a value built from several files).
 */
export function resolvedFindings(
  model: unknown,
  sources: readonly ComposeSource[],
  options: ComposeCheckOptions & { readonly interpolated: boolean; readonly firstFile: string },
  services: ReadonlySet<string>,
): PlacedFinding[] {
  const scan = scanCompose(model, { base: options.root, capAdd: options.capAdd, services });
  const pass: Pass = options.interpolated ? "interpolated" : "literal";
  return judged(scan, options, options.interpolated).map((finding) => {
    const best = sources
      .map((source) => ({ file: source.text.file, at: locate(source.text, finding.at, finding.match) }))
      .filter((candidate) => candidate.at !== undefined && candidate.at.depth >= Math.min(2, finding.at.length))
      .reduce<{ file: string; at?: KeyLocation } | undefined>(
        (kept, candidate) => (!kept || (candidate.at?.depth ?? 0) >= (kept.at?.depth ?? 0) ? candidate : kept),
        undefined,
      );
    return best ? { finding, pass, file: best.file, ...lineOf(best.at) } : { finding, pass, file: options.firstFile };
  });
}

/**
 * One violation per setting. Passes come in order (raw first: it knows the line the student
 * wrote); a later pass repeats an earlier one when it finds the same rule on the same line (its
 * resolved value is spelled differently), or, unplaced, the same rule on the same setting.
 */
export function toViolations(placed: readonly PlacedFinding[]): PolicyViolation[] {
  const kept: PlacedFinding[] = [];
  for (const entry of placed) {
    const repeated = kept.some((other) => {
      if (other.finding.rule !== entry.finding.rule) return false;
      if (other.pass === entry.pass) return other.file === entry.file && other.line === entry.line && subject(other.finding) === subject(entry.finding);
      return entry.line === undefined ? subject(other.finding) === subject(entry.finding) : other.file === entry.file && other.line === entry.line;
    });
    if (!repeated) kept.push(entry);
  }
  return kept.map(({ finding, file, line }) => composeViolation(finding.rule, { file, line }, finding.setting, finding.detail));
}

function subject(finding: Finding): string {
  return finding.detail === undefined ? finding.setting : JSON.stringify(finding.detail);
}

/** Findings plus the host paths that lead where the policy refuses, as findings. */
function judged(scan: Scan, options: ComposeCheckOptions, interpolated: boolean): Finding[] {
  return [...scan.findings, ...scan.hostPaths.flatMap((use) => judgeHostPath(use, options, interpolated) ?? [])];
}

const VARIABLE_PATH = text("chemin construit avec une variable : écrivez-le en clair", "path built from a variable: write it out");
const NOT_REGULAR = text("ni fichier ordinaire ni dossier", "neither a regular file nor a folder");
const REMOTE = text("distant", "remote");

function judgeHostPath(use: HostPathUse, options: ComposeCheckOptions, interpolated: boolean): Finding | undefined {
  const verdict = classifyHostPath(use.path, use.base, options.root, options.view, { engineSockets: options.engineSockets, interpolated });
  const finding = (rule: ComposeRuleId, detail: Finding["detail"]): Finding => ({
    rule,
    at: use.at,
    setting: use.setting,
    ...(use.match ? { match: use.match } : {}),
    ...(detail ? { detail } : {}),
  });
  switch (verdict.kind) {
    case "socket":
      return finding(use.bind ? "engine-socket" : use.rule, verdict.real);
    case "outside":
      return finding(use.rule, verdict.real);
    case "remote":
      return finding(use.rule, REMOTE);
    case "variable":
      // Only what Compose reads while resolving must be judged now; the interpolated model judges the rest.
      return use.readByCompose ? finding(use.rule, VARIABLE_PATH) : undefined;
    case "inside":
      return use.readByCompose && options.view.isSpecial(verdict.real) ? finding(use.rule, NOT_REGULAR) : undefined;
  }
}

function lineOf(location: KeyLocation | undefined): { line?: number } {
  return location ? { line: location.line } : {};
}
