import { label, ui } from "../kernel/ui.ts";
import type { CheckResult, GradingFailure, RefusedSetting } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { plainText } from "./plain-text.ts";

/**
 * Why a check lost its points, as plain lines (message, expected, actual, hint, course section) for the
 * formats that carry one text block per check: JUnit failure bodies, Gradescope test output. Not escaped:
 * each format escapes in its own way.
 */
export function checkExplanation(check: CheckResult, lang: Lang): string[] {
  const t = ui(lang);
  const lines = [check.message];
  if (check.status === "error") return [...lines, t.errorNote].map(plainText);
  const labelled: [string, string | undefined][] = [
    [t.expected, check.expected],
    [t.actual, check.actual],
    [t.hint, check.hint],
    [t.course, check.course],
  ];
  for (const [name, value] of labelled) {
    if (value !== undefined && value.trim() !== "") lines.push(`${label(name, lang)} ${value}`);
  }
  return lines.map(plainText);
}

/** Why nothing could be graded: the message, each refused setting with where it is written, the hint. */
export function failureExplanation(failure: GradingFailure, lang: Lang): string[] {
  const lines = [failure.message, ...(failure.violations ?? []).map(refusedLine)];
  if (failure.hint.trim() !== "") lines.push(`${label(ui(lang).hint, lang)} ${failure.hint}`);
  return lines.map(plainText);
}

/** `compose.yaml:12 services.web.privileged: true — why (CIS 5.4)`, so an editor can jump to the line. */
function refusedLine(refused: RefusedSetting): string {
  const where = `${refused.file}${refused.line === undefined ? "" : `:${refused.line}`}`;
  const cis = refused.cis === undefined ? "" : ` (CIS ${refused.cis})`;
  return `${where} ${refused.setting} — ${refused.message}${cis}`;
}
