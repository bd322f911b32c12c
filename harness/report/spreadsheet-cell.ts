import { plainText } from "./plain-text.ts";

// Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula
// (https://owasp.org/www-community/attacks/CSV_Injection); tab and carriage return can hide such a start.
const FORMULA_START = /^[=+\-@\t\r]/;
// Half a UTF-16 pair (cut output) has no UTF-8 encoding: it would be written as U+FFFD.
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * Submission or roster text for a CSV cell an instructor will open in a spreadsheet: on one line, without
 * terminal escapes, and never run as a formula (a folder named `=HYPERLINK(...)` stays text). Quoting is
 * the CSV library's job.
 */
export function spreadsheetCell(value: string): string {
  const line = plainText(value)
    .replace(LONE_SURROGATE, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return FORMULA_START.test(line) ? `'${line}` : line;
}
