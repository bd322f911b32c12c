import { isMap, isNode, isPair, isSeq, type Node } from "yaml";
import { text } from "../model/text.ts";
import { scanCompose, type Finding, type HostPathUse, type KeyPath, type Scan } from "./compose-findings.ts";
import { composeViolation, type ComposeRuleId } from "./compose-rules.ts";
import type { ComposeSource } from "./compose-sources.ts";
import type { ComposeText } from "./compose-text.ts";
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
    return judged(scan, options, false).map((finding) => ({ finding, pass: "raw" as const, file: source.text.file, ...lineOf(locate(source.text, finding.at)) }));
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
      .reduce<{ file: string; at?: Location } | undefined>((kept, candidate) => (!kept || (candidate.at?.depth ?? 0) >= (kept.at?.depth ?? 0) ? candidate : kept), undefined);
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
  const finding = (rule: ComposeRuleId, detail: Finding["detail"]): Finding => ({ rule, at: use.at, setting: use.setting, ...(use.match ? { match: use.match } : {}), ...(detail ? { detail } : {}) });
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

interface Location {
  readonly line: number;
  /** How much of the finding's key path the file holds: the deeper, the closer to the setting. */
  readonly depth: number;
}

function lineOf(location: Location | undefined): { line?: number } {
  return location ? { line: location.line } : {};
}

/**
 * The line of a key path in a file; a path the file lacks falls back to its deepest ancestor the
 * file has. With `match` (for a finding of a resolved model, whose list items are numbered
 * differently once files are merged), a list item is looked up by its content first.
 */
export function locate(source: ComposeText, at: KeyPath, match?: string): Location | undefined {
  const nodeAt = (path: KeyPath): Node | undefined => {
    const node = source.document.getIn(path, true);
    return isNode(node) && node.range ? node : undefined;
  };
  const place = (node: Node, depth: number): Location => ({ line: source.lines.linePos((node.range as [number, number, number])[0]).line, depth });
  const byContent = typeof at.at(-1) === "number" && match !== undefined;
  if (!byContent) {
    const exact = nodeAt(at);
    if (exact) return place(exact, at.length);
  }
  for (let depth = at.length - 1; depth >= 1; depth--) {
    const node = nodeAt(at.slice(0, depth));
    if (!node) continue;
    const item = match !== undefined ? itemContaining(node, match, source.source) : undefined;
    if (item) return place(item, depth + 1);
    const exact = byContent && depth === at.length - 1 ? nodeAt(at) : undefined;
    return exact ? place(exact, at.length) : place(node, depth);
  }
  return undefined;
}

function itemContaining(node: Node, match: string, source: string): Node | undefined {
  const written = (item: unknown): item is Node => isNode(item) && item.range !== undefined && item.range !== null && source.slice(item.range[0], item.range[1]).includes(match);
  if (isSeq(node)) return node.items.find(written);
  if (isMap(node)) {
    const pair = node.items.find((entry) => isPair(entry) && (written(entry.key) || written(entry.value)));
    return pair && isNode(pair.key) ? pair.key : undefined;
  }
  return undefined;
}
