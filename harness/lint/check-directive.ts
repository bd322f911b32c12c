import type { FindingSeverity } from "../kernel/result.ts";
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
}

/** `# key=value` at the very top: the frontend stops looking at the first other line. */
const PARSER_DIRECTIVE = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;

export function readCheckDirective(dockerfile: LintedDockerfile): CheckDirective {
  const lines = dockerfile.source.replace(/^\uFEFF/, "").split(/\r?\n/);
  let top = 0;
  let options: CheckOptions = { skipAll: false, skip: new Set(), error: false };
  for (; top < lines.length; top += 1) {
    const match = PARSER_DIRECTIVE.exec(lines[top] as string);
    if (!match) break;
    if (match[1]?.toLowerCase() === "check") options = parseCheckOptions(match[2] ?? "") ?? options;
  }
  return { ...options, skipByLine: skipsAboveInstructions(dockerfile, lines, top) };
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

/** `skip=A,B;error=true`; undefined for what the frontend refuses (it then fails the build, which reports it). */
function parseCheckOptions(value: string): CheckOptions | undefined {
  let skipAll = false;
  let skip = new Set<string>();
  let error = false;
  // A comment after the value (`# check=skip=A  reason`) is not part of it.
  const [options = ""] = value.split(/\s/, 1);
  for (const part of options.split(";")) {
    const [key, setting] = part.split("=", 2).map((word) => word.trim());
    if (setting === undefined) return undefined;
    if (key === "skip") {
      skipAll = setting === "all";
      skip = new Set(skipAll ? [] : setting.split(",").map((name) => name.trim()));
    } else if (key === "error") {
      if (!/^(true|false|1|0|t|f)$/i.test(setting)) return undefined;
      error = /^(true|1|t)$/i.test(setting);
    } else if (key !== "experimental") return undefined;
  }
  return { skipAll, skip, error };
}

/** Each instruction's comment block (the comment lines since the previous one, an empty `#` starting it afresh), read for `check=skip`. */
function skipsAboveInstructions(dockerfile: LintedDockerfile, lines: readonly string[], firstLine: number): Map<number, ReadonlySet<string>> {
  const byLine = new Map<number, Set<string>>();
  let previousEnd = firstLine;
  const instructions = dockerfile.instructions.filter((instruction) => !instruction.onbuild);
  instructions.forEach((instruction, index) => {
    const names = new Set<string>();
    for (let line = previousEnd; line < instruction.line - 1; line += 1) {
      const comment = /^\s*#(.*)$/.exec(lines[line] ?? "")?.[1]?.trim();
      if (comment === undefined) continue;
      if (comment === "") names.clear();
      const match = /^check\s*=\s*(.*)$/i.exec(comment);
      const options = match && parseCheckOptions(match[1] ?? "");
      if (options?.skipAll) names.add("all");
      for (const name of options?.skip ?? []) names.add(name);
    }
    previousEnd = instruction.endLine;
    if (names.size === 0) return;
    // Above a FROM, the stage's lint is configured: every line up to the next FROM.
    const nextFrom = instructions.slice(index + 1).find((later) => later.keyword === "FROM");
    const last = instruction.keyword === "FROM" ? (nextFrom ? nextFrom.line - 1 : lines.length) : instruction.endLine;
    for (let line = instruction.line; line <= last; line += 1) byLine.set(line, new Set([...(byLine.get(line) ?? []), ...names]));
  });
  return byLine;
}
