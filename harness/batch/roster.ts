import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { safeStudentName } from "./student-name.ts";

/** One student of the class as the instructor's roster lists them. */
export interface RosterStudent {
  /** The submission's folder or archive name (before `.zip`), or the repository's name. */
  readonly folder: string;
  readonly id?: string;
  readonly email?: string;
  /** The name to show instead of the folder's. */
  readonly name?: string;
  readonly line: number;
}

const COLUMNS = ["folder", "id", "email", "name"] as const;

/** The roster cannot be used: every problem, each with its line, so one edit fixes them all. */
export class RosterError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "RosterError";
  }
}

/**
 * Reads a roster CSV: a header row with `folder` and any of `id`, `email`, `name` (in any order, comma
 * or semicolon separated, as spreadsheets in French locales save them), then one student per row.
 * Unknown columns, empty folders and two rows for the same folder are refused.
 */
export async function readRoster(file: string): Promise<RosterStudent[]> {
  const content = await readFile(file, "utf8");
  const delimiter = firstLine(content).includes(";") && !firstLine(content).includes(",") ? ";" : ",";
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(content, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      bom: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new RosterError(file, [(error as Error).message]);
  }
  const problems: string[] = [];
  const header = Object.keys(rows[0]?.record ?? {});
  const unknown = header.filter((column) => !(COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) problems.push(`unknown column(s) ${unknown.map((column) => `"${column}"`).join(", ")}: the columns are ${COLUMNS.join(", ")}`);
  if (rows.length > 0 && !header.includes("folder")) problems.push('no "folder" column: it names each student\'s submission folder or archive');
  const seen = new Map<string, number>();
  const students: RosterStudent[] = [];
  for (const { record, info } of rows) {
    const folder = record["folder"] ?? "";
    if (folder === "") {
      if (header.includes("folder")) problems.push(`line ${info.lines}: the folder is empty`);
      continue;
    }
    const key = safeStudentName(folder);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`line ${info.lines}: "${folder}" is already on line ${earlier}`);
    seen.set(key, info.lines);
    students.push({ folder, line: info.lines, ...optional("id", record["id"]), ...optional("email", record["email"]), ...optional("name", record["name"]) });
  }
  if (problems.length > 0) throw new RosterError(file, problems);
  return students;
}

function firstLine(content: string): string {
  return content.split(/\r?\n/, 1)[0] ?? "";
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === "" ? {} : ({ [key]: value } as Record<K, string>);
}
