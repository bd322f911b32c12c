import type { FindingSeverity } from "../kernel/result.ts";
import { BUILDKIT_CHECKS } from "./buildkit-checks.ts";
import type { LintRule } from "./lint-rule.ts";
import type { LintedDockerfile } from "./linted-dockerfile.ts";

/**
 * BuildKit's `check` directive, as the Dockerfile frontend reads it: at the top of the file among
 * the parser directives, `# check=skip=Name1,Name2`, `# check=skip=all` and `# check=error=true`
 * (joined by `;`) apply to the whole file; in the comments right above an instruction, a
 * `# check=skip=…` applies to that instruction, and above a FROM to its whole stage. Names are
 * BuildKit's, case-sensitive (`JSONArgsRecommended`), and silence our rules that teach the same
 * lesson (`LintRule.buildkit`); `skip=all` silences those only, never the course's own rules.
 */
export interface CheckDirective {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  /** `error=true`: the build fails on any check, so a finding of a BuildKit rule is an error. */
  readonly error: boolean;
  /** BuildKit names silenced on a line by the comment above its instruction; `all` for `skip=all`. */
  readonly skipByLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** What the frontend would refuse or not know, where it is written (DG3093, DG3094). */
  readonly problems: readonly DirectiveProblem[];
}

/**
 * `invalid`: the directive at the top has an option BuildKit refuses (it fails the build on it;
 * `written` is the option). `unknown`: a `skip=` name that is none of BuildKit's checks (it is
 * ignored, so it silences nothing; `written` is the name).
 */
export interface DirectiveProblem {
  readonly kind: "invalid" | "unknown";
  readonly written: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

/** `# key=value` at the very top: the frontend stops looking at the first other line. */
const PARSER_DIRECTIVE = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/d;

export function readCheckDirective(dockerfile: LintedDockerfile): CheckDirective {
  // A byte-order mark is a column of the first line, as editors and the other rules count it.
  const bom = dockerfile.source.startsWith("\uFEFF") ? 1 : 0;
  const lines = dockerfile.source.slice(bom).split(/\r?\n/);
  let top = 0;
  let options: CheckOptions = { skipAll: false, skip: new Set(), error: false };
  const problems: DirectiveProblem[] = [];
  for (; top < lines.length; top += 1) {
    const match = PARSER_DIRECTIVE.exec(lines[top] as string);
    if (!match) break;
    if (match[1]?.toLowerCase() !== "check") continue;
    const parsed = parseCheckOptions(match[2] ?? "");
    const at = (match.indices?.[2]?.[0] ?? 0) + (top === 0 ? bom : 0) + 1;
    if ("invalid" in parsed) problems.push({ kind: "invalid", written: parsed.invalid.part, line: top + 1, column: at + parsed.invalid.offset });
    else {
      options = parsed.options;
      problems.push(...parsed.unknown.map(({ name, offset }) => ({ kind: "unknown" as const, written: name, line: top + 1, column: at + offset })));
    }
  }
  const below = skipsAboveInstructions(dockerfile, lines, top);
  return { ...options, skipByLine: below.byLine, problems: [...problems, ...below.unknown] };
}

/** What a finding of `rule` on `line` becomes: dropped, or kept at this severity. */
export function underCheckDirective(directive: CheckDirective, rule: LintRule, line: number): FindingSeverity | "skipped" {
  if (rule.buildkit === undefined) return rule.severity;
  const here = directive.skipByLine.get(line);
  if (directive.skipAll || directive.skip.has(rule.buildkit) || here?.has("all") || here?.has(rule.buildkit)) return "skipped";
  return directive.error ? "error" : rule.severity;
}

interface CheckOptions {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  readonly error: boolean;
}

type ParsedOptions =
  | { readonly options: CheckOptions; readonly unknown: readonly { name: string; offset: number }[] }
  | { readonly invalid: { readonly part: string; readonly offset: number } };

/**
 * `skip=A,B;error=true`, as the frontend reads it (linter.ParseLintOptions): an option without `=`,
 * an unknown key or an `error` that is no boolean is refused; offsets are from the value's start.
 */
function parseCheckOptions(value: string): ParsedOptions {
  let skipAll = false;
  let skip = new Set<string>();
  let error = false;
  const unknown: { name: string; offset: number }[] = [];
  // A comment after the value (`# check=skip=A  reason`) is not part of it.
  const [options = ""] = value.split(/\s/, 1);
  let offset = 0;
  for (const part of options.split(";")) {
    const start = offset;
    offset += part.length + 1;
    const [key, setting] = part.split("=", 2).map((word) => word.trim());
    if (setting === undefined) return { invalid: { part, offset: start } };
    if (key === "skip") {
      skipAll = setting === "all";
      skip = new Set(skipAll ? [] : setting.split(",").map((name) => name.trim()));
      let nameOffset = start + part.indexOf("=") + 1;
      for (const written of skipAll ? [] : setting.split(",")) {
        const name = written.trim();
        if (name !== "" && !BUILDKIT_CHECKS.includes(name)) unknown.push({ name, offset: nameOffset + written.indexOf(name) });
        nameOffset += written.length + 1;
      }
    } else if (key === "error") {
      if (!/^(true|false|1|0|t|f)$/i.test(setting)) return { invalid: { part, offset: start } };
      error = /^(true|1|t)$/i.test(setting);
    } else if (key !== "experimental") return { invalid: { part, offset: start } };
  }
  return { options: { skipAll, skip, error }, unknown };
}

/** Each instruction's comment block (the comment lines since the previous one, an empty `#` starting it afresh), read for `check=skip`. */
function skipsAboveInstructions(
  dockerfile: LintedDockerfile,
  lines: readonly string[],
  firstLine: number,
): { byLine: Map<number, ReadonlySet<string>>; unknown: DirectiveProblem[] } {
  const byLine = new Map<number, Set<string>>();
  const unknown: DirectiveProblem[] = [];
  let previousEnd = firstLine;
  const instructions = dockerfile.instructions.filter((instruction) => !instruction.onbuild);
  instructions.forEach((instruction, index) => {
    const names = new Set<string>();
    for (let line = previousEnd; line < instruction.line - 1; line += 1) {
      const match = /^\s*#\s*(?:(check\s*=\s*)(.*))?$/di.exec(lines[line] ?? "");
      if (!match) continue;
      if ((lines[line] ?? "").replace(/^\s*#/, "").trim() === "") names.clear();
      if (match[1] === undefined) continue;
      // A malformed comment here fails no build: the frontend reads it for `skip` only, and it skips nothing.
      const parsed = parseCheckOptions(match[2] ?? "");
      if ("invalid" in parsed) continue;
      const at = (match.indices?.[2]?.[0] ?? 0) + 1;
      unknown.push(...parsed.unknown.map(({ name, offset }) => ({ kind: "unknown" as const, written: name, line: line + 1, column: at + offset })));
      if (parsed.options.skipAll) names.add("all");
      for (const name of parsed.options.skip) names.add(name);
    }
    previousEnd = instruction.endLine;
    if (names.size === 0) return;
    // Above a FROM, the stage's lint is configured: every line up to the next FROM.
    const nextFrom = instructions.slice(index + 1).find((later) => later.keyword === "FROM");
    const last = instruction.keyword === "FROM" ? (nextFrom ? nextFrom.line - 1 : lines.length) : instruction.endLine;
    for (let line = instruction.line; line <= last; line += 1) byLine.set(line, new Set([...(byLine.get(line) ?? []), ...names]));
  });
  return { byLine, unknown };
}
