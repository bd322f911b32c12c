import type { LintRuleDefinition } from "./lint-rule.ts";
import type { LintedDockerfile } from "./linted-dockerfile.ts";

/**
 * A comment that silences rules, in hadolint's syntax: `# hadolint ignore=DL3008,DL3009` on the
 * line right before an instruction, or `# hadolint global ignore=…` anywhere for the whole file.
 * hadolint's pragma names hadolint's codes (its parser takes nothing else), mapped to ours through
 * each rule's `peer`; our own ids go in the same syntax under our name, `# dockgrade ignore=DG3010`,
 * which also takes a peer's DL code.
 */
export interface IgnorePragma {
  readonly tool: "hadolint" | "dockgrade";
  readonly global: boolean;
  /** 1-based, of the comment. */
  readonly line: number;
  /** Each code as written, with its 1-based column. */
  readonly codes: readonly { readonly code: string; readonly column: number }[];
}

/** Our rule ids a Dockerfile silences: everywhere, or on the lines of one instruction. */
export interface IgnoredRules {
  readonly global: ReadonlySet<string>;
  /** Every line of an instruction a pragma precedes, continuations included. */
  readonly byLine: ReadonlyMap<number, ReadonlySet<string>>;
}

const PRAGMA = /^(\s*#\s*)(hadolint|dockgrade)(\s+global)?\s+ignore\s*=(.*)$/i;
const HADOLINT_CODE = /^(DL|SC)\d{4}$/;

export function readIgnorePragmas(source: string): IgnorePragma[] {
  return source.split(/\r?\n/).flatMap((text, index): IgnorePragma[] => {
    const match = PRAGMA.exec(text);
    if (!match) return [];
    const [, , tool = "", global, list = ""] = match;
    // hadolint allows a comment after the list: `ignore=DL3009 # why`.
    const listStart = text.length - list.length;
    const codes: { code: string; column: number }[] = [];
    let offset = 0;
    for (const part of list.split("#", 1)[0]?.split(",") ?? []) {
      const code = part.trim();
      if (code !== "") codes.push({ code: code.toUpperCase(), column: listStart + offset + part.indexOf(code) + 1 });
      offset += part.length + 1;
    }
    return [{ tool: tool.toLowerCase() as IgnorePragma["tool"], global: global !== undefined, line: index + 1, codes }];
  });
}

/** The rules a code names: ours by id (dockgrade's pragma), or by hadolint peer (both pragmas). */
export function rulesNamedBy(pragma: IgnorePragma, code: string, rules: readonly LintRuleDefinition[]): LintRuleDefinition[] {
  return rules.filter((rule) => rule.peer === code || (pragma.tool === "dockgrade" && rule.id === code));
}

/** A code the pragma's tool would not know: not hadolint's shape in hadolint's pragma, none of our ids or peers in ours. */
export function isUnknownCode(pragma: IgnorePragma, code: string, rules: readonly LintRuleDefinition[]): boolean {
  return pragma.tool === "hadolint" ? !HADOLINT_CODE.test(code) : rulesNamedBy(pragma, code, rules).length === 0;
}

export function ignoredRules(dockerfile: LintedDockerfile, rules: readonly LintRuleDefinition[]): IgnoredRules {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const pragma of readIgnorePragmas(dockerfile.source)) {
    const ids = pragma.codes.flatMap(({ code }) => rulesNamedBy(pragma, code, rules).map((rule) => rule.id));
    if (pragma.global) {
      for (const id of ids) global.add(id);
      continue;
    }
    // As hadolint reads it: the instruction must start on the very next line.
    const instruction = dockerfile.instructions.find((candidate) => candidate.line === pragma.line + 1);
    if (!instruction) continue;
    for (let line = instruction.line; line <= instruction.endLine; line += 1) {
      const silenced = byLine.get(line) ?? new Set<string>();
      for (const id of ids) silenced.add(id);
      byLine.set(line, silenced);
    }
  }
  return { global, byLine };
}

/** Whether a finding of this rule at this line is dropped. */
export function isIgnored(ignored: IgnoredRules, ruleId: string, line: number): boolean {
  return ignored.global.has(ruleId) || (ignored.byLine.get(line)?.has(ruleId) ?? false);
}
