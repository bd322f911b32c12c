import type { CheckResult, GradeResult } from "../kernel/result.ts";
import { checkExplanation, failureExplanation } from "./explanation.ts";
import { plainText } from "./plain-text.ts";

/** The part of Gradescope's results.json we fill (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly output_format: "text";
  readonly tests: readonly GradescopeTest[];
}

export interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: "passed" | "failed";
  readonly output: string;
  readonly output_format: "text";
}

/**
 * The results.json an autograder writes to /autograder/results/ when dockgrade runs inside Gradescope.
 * Gradescope knows only passed and failed: a skipped check or a grader error is "failed" with its reason
 * in the output, and keeps its max_score so the student sees what it was worth. Output is plain text
 * (`output_format: "text"`), so nothing from the submission is read as HTML or Markdown.
 */
export function renderGradescope(result: GradeResult): string {
  const results: GradescopeResults = {
    score: result.score,
    execution_time: Math.round(result.durationMs / 1000),
    output: result.failure === undefined ? "" : failureExplanation(result.failure, result.lang).join("\n"),
    output_format: "text",
    tests: result.checks.map((check, index) => test(check, index, result)),
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}

function test(check: CheckResult, index: number, result: GradeResult): GradescopeTest {
  return {
    name: plainText(check.title),
    number: String(index + 1),
    score: check.earned,
    max_score: check.points,
    status: check.status === "passed" ? "passed" : "failed",
    output: check.status === "passed" ? plainText(check.message) : checkExplanation(check, result.lang).join("\n"),
    output_format: "text",
  };
}
