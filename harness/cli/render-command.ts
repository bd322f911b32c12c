import { basename, resolve } from "node:path";
import { loadExercise } from "../exercise/exercise-catalog.ts";
import { TOOL_VERSION } from "../grading/tool-version.ts";
import { UsageError } from "../kernel/errors.ts";
import type { GradeResult } from "../kernel/result.ts";
import { readResult, ResultFileError } from "../report/read-result.ts";
import { resultIn } from "../report/result-in-language.ts";
import { renderTerminal } from "../report/terminal.ts";
import { chooseLang, useColor } from "./cli-language.ts";
import { parseCommandArgs } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";
import { submissionEntry, writeReports } from "./write-reports.ts";

export const RENDER_USAGE = `Usage: npm run render -- [--lang fr|en] [--out DIR] RESULT.json

Renders a saved result (result.json of grade --out, of a batch or of a pull request; schema 1.3 or 1.4)
again, in either language, without grading anything.
  --lang fr|en   language of the reports (default: the language the result was graded in)
  --out DIR      write DIR/result.json, report.html, junit.xml, gradebook.csv, summary.md, gradescope.json
                 (and lint.sarif), as grade --out does; without it, only the summary is printed
Exit codes: 0 rendered, 2 usage error or a result file that is missing or invalid.`;

export async function renderCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { lang: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
    RENDER_USAGE,
  );
  if (values.help) {
    process.stdout.write(`${RENDER_USAGE}\n`);
    return EXIT.allPassed;
  }
  if (positionals.length !== 1) throw new UsageError(`Expected one RESULT.json, got ${positionals.length}.`, RENDER_USAGE);
  const cwd = process.env["INIT_CWD"] ?? process.cwd();
  const saved = await read(resolve(cwd, positionals[0] as string));
  const lang = values.lang === undefined ? saved.lang : chooseLang(values.lang);
  const result = resultIn(saved, lang);
  let reportPath: string | undefined;
  if (values.out !== undefined) {
    const entry = submissionEntry(saved, basename(saved.submission.path), await buildsDockerfile(saved));
    reportPath = await writeReports("render", resolve(cwd, values.out), { entries: [entry], toolVersion: TOOL_VERSION }, lang);
  }
  process.stdout.write(renderTerminal(result, { color: useColor(process.stdout), ...(reportPath ? { reportPath } : {}) }));
  return EXIT.allPassed;
}

/** A result file that cannot be rendered is the user's to fix: exit 2, in both languages, naming the file and the field. */
async function read(file: string): Promise<GradeResult> {
  try {
    return await readResult(file);
  } catch (error) {
    if (!(error instanceof ResultFileError)) throw error;
    throw new UsageError(
      `${error.reason.fr}\n${error.reason.en}`,
      "Donnez le result.json écrit par grade --out, batch ou pr. / Give the result.json written by grade --out, batch or pr.",
    );
  }
}

/**
 * Whether grade would have linted the exercise's Dockerfile (and so written lint.sarif, even empty):
 * the exercise's definition says; an exercise this checkout does not know falls back on the findings.
 */
async function buildsDockerfile(result: GradeResult): Promise<boolean> {
  try {
    return (await loadExercise(result.exercise.id)).build !== undefined;
  } catch {
    return false;
  }
}
