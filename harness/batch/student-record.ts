import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GradeResult } from "../kernel/result.ts";
import type { ClassEntry } from "../report/class-entry.ts";
import { parseResult } from "../report/read-result.ts";
import { submissionFiles, type ReportEntry } from "../report/registry.ts";

/** What the batch knows of a student beyond their result: kept beside it, so a merge rebuilds the class. */
export interface StudentMeta {
  readonly folder: string;
  /** The roster's name, else the folder. */
  readonly student: string;
  readonly id?: string;
  readonly email?: string;
  /** Where the work came from: `folder`, `archive`, `git` or `none`, and the path or URL. */
  readonly source: { readonly kind: string; readonly location?: string; readonly commit?: string };
  readonly submittedAt?: string;
  readonly late?: boolean;
}

export interface StudentRecord {
  readonly meta: StudentMeta;
  readonly result: GradeResult;
}

const RESULT = "result.json";
const META = "student.json";

/**
 * Writes a student's folder: report and meta first, `result.json` last and by rename, so a batch
 * killed at any moment leaves either a complete record or none that `--resume` would trust.
 */
export async function writeStudentRecord(outDir: string, record: StudentRecord): Promise<void> {
  const dir = join(outDir, record.meta.folder);
  await mkdir(dir, { recursive: true });
  const files = submissionFiles("batch", reportEntry(record), record.result.lang);
  for (const file of files.filter(({ path }) => path !== RESULT)) await writeAtomically(join(dir, file.path), file.content);
  await writeAtomically(join(dir, META), `${JSON.stringify(record.meta, null, 2)}\n`);
  for (const file of files.filter(({ path }) => path === RESULT)) await writeAtomically(join(dir, file.path), file.content);
}

/** A student's record when it is complete and for this exercise; otherwise undefined (to grade again). */
export async function readStudentRecord(outDir: string, folder: string, exerciseId: string): Promise<StudentRecord | undefined> {
  try {
    const dir = join(outDir, folder);
    const result = parseResult(await readFile(join(dir, RESULT), "utf8"), join(dir, RESULT));
    const meta = JSON.parse(await readFile(join(dir, META), "utf8")) as StudentMeta;
    if (result.exercise?.id !== exerciseId || meta.folder !== folder) return undefined;
    return { meta, result };
  } catch {
    return undefined;
  }
}

/** The student as the class formats see them: their roster fields, their files in their folder. */
export function reportEntry(record: StudentRecord): ReportEntry {
  return { ...classEntry(record), folder: record.meta.folder };
}

function classEntry({ meta, result }: StudentRecord): ClassEntry {
  return {
    student: meta.student,
    result,
    ...(meta.id === undefined ? {} : { id: meta.id }),
    ...(meta.email === undefined ? {} : { email: meta.email }),
    ...(meta.submittedAt === undefined ? {} : { submittedAt: meta.submittedAt }),
    ...(meta.late === undefined ? {} : { late: meta.late }),
  };
}

export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
