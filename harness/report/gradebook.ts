import { stringify } from "csv-stringify/sync";
import { label } from "../kernel/ui.ts";
import type { GradeResult } from "../kernel/result.ts";
import type { ClassEntry } from "./class-entry.ts";
import { machineNumber } from "./machine-number.ts";
import { spreadsheetCell } from "./spreadsheet-cell.ts";

type Row = string[];

/**
 * The class gradebook: `student,score,max`, one column of earned points per check id (in the order the
 * checks first appear), then a one-line feedback. A check a student's run did not reach (a refused
 * submission) is an empty cell, not 0, so "not graded" stays distinguishable from "no points".
 * When a batch had a deadline, `submitted_at` and `late` (`yes`/`no`) follow the feedback.
 * Starts with a byte-order mark: without one, Excel reads UTF-8 as Windows-1252 and garbles accents.
 */
export function renderGradebook(entries: readonly ClassEntry[]): string {
  const checkIds = [...new Set(entries.flatMap((entry) => entry.result.checks.map((check) => check.id)))];
  const deadline = entries.some((entry) => entry.late !== undefined);
  const header = ["student", "score", "max", ...checkIds, "feedback", ...(deadline ? ["submitted_at", "late"] : [])].map(spreadsheetCell);
  const rows = entries.map(({ student, result, submittedAt, late }): Row => {
    const earned = new Map(result.checks.map((check) => [check.id, machineNumber(check.earned)]));
    return [
      spreadsheetCell(student),
      machineNumber(result.score),
      machineNumber(result.maxScore),
      ...checkIds.map((id) => earned.get(id) ?? ""),
      spreadsheetCell(feedback(result)),
      ...(deadline ? [submittedAt ?? "", late === undefined ? "" : late ? "yes" : "no"] : []),
    ];
  });
  return csv([header, ...rows], { bom: true });
}

export interface LmsGradebookOptions {
  /** The grade item (Moodle) or assignment (Canvas) column; the first entry's exercise title by default. */
  readonly itemName?: string;
}

/**
 * Moodle's CSV grade import (https://docs.moodle.org/311/en/Grade_import): the instructor maps an
 * identifying column to a user field ("Email address" -> useremail, "ID number" -> useridnumber) and each
 * other column to a grade item, its feedback, or nothing. Both identifiers are given, so the instructor
 * maps whichever the course fills in. The grade is in points: the grade item's maximum should be the
 * exercise's maximum score.
 */
export function renderMoodleGradebook(entries: readonly ClassEntry[], options: LmsGradebookOptions = {}): string {
  const item = spreadsheetCell(itemName(entries, options));
  const header = ["ID number", "Email address", item, `${item} (feedback)`];
  const rows = entries.map(
    ({ result, id, email }): Row => [spreadsheetCell(id ?? ""), spreadsheetCell(email ?? ""), machineNumber(result.score), spreadsheetCell(feedback(result))],
  );
  return csv([header, ...rows]);
}

/**
 * Canvas Gradebook import, which reads the layout of its own export: `Student, ID, SIS User ID,
 * SIS Login ID, Section`, then one column per assignment; a student is matched on ID, SIS User ID or
 * SIS Login ID (https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades).
 * ID is Canvas's internal number, which a roster does not hold, so it stays empty; the roster id goes
 * to SIS User ID and the email to SIS Login ID, the login most institutions use. Canvas imports no
 * comments from CSV, so there is no feedback column.
 */
export function renderCanvasGradebook(entries: readonly ClassEntry[], options: LmsGradebookOptions = {}): string {
  const header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", spreadsheetCell(itemName(entries, options))];
  const rows = entries.map(
    ({ student, result, id, email }): Row => [
      spreadsheetCell(student),
      "",
      spreadsheetCell(id ?? ""),
      spreadsheetCell(email ?? ""),
      "",
      machineNumber(result.score),
    ],
  );
  return csv([header, ...rows]);
}

function itemName(entries: readonly ClassEntry[], options: LmsGradebookOptions): string {
  return options.itemName ?? entries[0]?.result.exercise.title ?? "dockgrade";
}

/** What cost points, on one line: the refusal, else each failed check and grader error with its message. */
function feedback(result: GradeResult): string {
  if (result.failure !== undefined) {
    const settings = (result.failure.violations ?? []).map(
      (refused) => `${refused.file}${refused.line === undefined ? "" : `:${refused.line}`} ${refused.setting}`,
    );
    return [result.failure.message, ...settings].join(" | ");
  }
  return result.checks
    .filter((check) => check.status === "failed" || check.status === "error")
    .map((check) => `${label(check.title, result.lang)} ${check.message}`)
    .join(" | ");
}

/** RFC 4180: CRLF between records, fields quoted only when they must be. */
function csv(rows: Row[], options: { bom?: boolean } = {}): string {
  return stringify(rows, { record_delimiter: "windows", bom: options.bom ?? false });
}
