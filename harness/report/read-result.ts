import { readFile } from "node:fs/promises";
import { LANGS, text, type Lang, type Text } from "../kernel/text.ts";
import { SCHEMA_VERSION, type GradeResult } from "../kernel/result.ts";
import { SAVED_RESULT, type SavedResult } from "./result-schema.ts";

/** A result file that cannot be rendered: missing, not JSON, or not a dockgrade result; the reason names the file and the field. */
export class ResultFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: Text,
  ) {
    super(reason.en);
    this.name = "ResultFileError";
  }
}

/** A saved `result.json` (1.3 or 1.4), checked and brought to the current model. */
export async function readResult(file: string): Promise<GradeResult> {
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ResultFileError(file, text(`${file} ne peut pas être lu (${cause}).`, `${file} cannot be read (${cause}).`));
  }
  return parseResult(content, file);
}

/** As `readResult`, from the file's text; `file` only names it in errors. */
export function parseResult(content: string, file: string): GradeResult {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    const cause = (error as Error).message;
    throw new ResultFileError(file, text(`${file} n'est pas du JSON valide : ${cause}`, `${file} is not valid JSON: ${cause}`));
  }
  const parsed = SAVED_RESULT.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? "(racine)" : issue.path.join(".");
    const fieldEn = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.join(".");
    const problem = issue?.message ?? "";
    throw new ResultFileError(
      file,
      text(
        `${file} n'est pas un résultat dockgrade lisible : champ ${field} : ${problem}`,
        `${file} is not a dockgrade result this version can read: field ${fieldEn}: ${problem}`,
      ),
    );
  }
  return upgraded(parsed.data);
}

/**
 * The current model of a saved result. A 1.3 result was written in one language: each of its sentences
 * goes to both languages under `texts`, and its `lang` stays the one it was written in, so a renderer
 * shows its own words in the reader's language around sentences it only has in that one.
 */
function upgraded(saved: SavedResult): GradeResult {
  const result = saved as GradeResult | (Omit<GradeResult, "schemaVersion"> & { schemaVersion: "1.3" });
  if (result.schemaVersion === SCHEMA_VERSION) return result as GradeResult;
  const both = <Words extends object>(words: Words): Readonly<Record<Lang, Words>> =>
    Object.fromEntries(LANGS.map((lang) => [lang, words])) as Record<Lang, Words>;
  const { failure } = result;
  return {
    ...result,
    schemaVersion: SCHEMA_VERSION,
    exercise: { ...result.exercise, texts: both({ title: result.exercise.title }) },
    checks: result.checks.map((check) => ({ ...check, texts: both({ title: check.title, message: check.message, hint: check.hint, course: check.course }) })),
    ...(result.findings === undefined
      ? {}
      : {
          findings: result.findings.map((finding) => ({
            ...finding,
            texts: both({ message: finding.message, ...(finding.course === undefined ? {} : { course: finding.course }) }),
          })),
        }),
    ...(failure === undefined
      ? {}
      : {
          failure: {
            ...failure,
            ...(failure.violations === undefined
              ? {}
              : { violations: failure.violations.map((refused) => ({ ...refused, texts: both({ message: refused.message }) })) }),
            texts: both({ message: failure.message, hint: failure.hint }),
          },
        }),
  };
}
