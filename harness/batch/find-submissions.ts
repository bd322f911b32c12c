import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { detectArchiveFormat } from "./archive-format.ts";
import { extractArchive } from "./extract-archive.ts";
import { DEFAULT_ARCHIVE_CAPS, type ArchiveCaps } from "./extraction-target.ts";
import { safeStudentName, uniqueStudentNames } from "./student-name.ts";
import { holdsOneSubmission, submissionRoot } from "./submission-root.ts";
import { byCodeUnits } from "../kernel/code-unit-order.ts";

/**
 * One student's work: a folder ready to grade, or an archive still to extract. Archives are
 * extracted by the batch, one student at a time, so a refused archive is that student's error.
 */
export type StudentSource = { readonly student: string; readonly path: string } | { readonly student: string; readonly archive: string };

interface Found {
  /** The name as the instructor's files wrote it, before it is made safe. */
  readonly raw: string;
  readonly kind: "path" | "archive";
  readonly location: string;
}

const ARCHIVE_EXTENSION = /\.(zip|tar|tar\.gz|tgz)$/i;

/**
 * The submissions in a source: a folder of student folders or of student archives (both may mix),
 * or a class archive holding either, extracted once into `workDir/class`, or one student's archive
 * (a Dockerfile or compose file at its root), named after the archive. Files that are neither
 * folders nor archives (a roster, a README), hidden entries, `__MACOSX` and links are skipped.
 * Sorted by student name.
 */
export async function findSubmissions(source: string, workDir: string, caps: ArchiveCaps = DEFAULT_ARCHIVE_CAPS): Promise<StudentSource[]> {
  const info = await stat(source);
  let folder = source;
  if (!info.isDirectory()) {
    folder = await extractClassArchive(source, join(workDir, "class"), caps);
    if (await holdsOneSubmission(folder)) {
      return [{ student: safeStudentName(basename(source).replace(ARCHIVE_EXTENSION, "")), path: await submissionRoot(folder) }];
    }
  }
  const found = (await listStudents(folder)).sort((a, b) => byCodeUnits(a.raw, b.raw) || byCodeUnits(a.location, b.location));
  const names = uniqueStudentNames(found.map((entry) => entry.raw));
  return found
    .map((entry, index): StudentSource => {
      const student = names[index] as string;
      return entry.kind === "path" ? { student, path: entry.location } : { student, archive: entry.location };
    })
    .sort((a, b) => byCodeUnits(a.student, b.student));
}

async function extractClassArchive(archive: string, destDir: string, caps: ArchiveCaps): Promise<string> {
  const { dir } = await extractArchive(archive, destDir, caps);
  return unwrap(dir);
}

/**
 * `zip -r classe.zip classe/` puts every student under one folder: go down into it when it is the only
 * entry and holds nothing but folders and archives (a lone student's folder holds files).
 */
async function unwrap(dir: string): Promise<string> {
  const top = await visibleEntries(dir);
  const only = top.length === 1 ? top[0] : undefined;
  if (!only?.isDirectory()) return dir;
  const inside = join(dir, only.name);
  const entries = await visibleEntries(inside);
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    if (!entry.isFile() || (await detectArchiveFormat(join(inside, entry.name))) === undefined) return dir;
  }
  return entries.length > 0 ? inside : dir;
}

async function listStudents(folder: string): Promise<Found[]> {
  const found: Found[] = [];
  for (const entry of await visibleEntries(folder)) {
    const location = join(folder, entry.name);
    if (entry.isDirectory()) found.push({ raw: entry.name, kind: "path", location });
    // Named like an archive but not one: still a student's hand-in, which extraction refuses with the reason.
    else if (entry.isFile() && (ARCHIVE_EXTENSION.test(entry.name) || (await detectArchiveFormat(location)) !== undefined)) {
      found.push({ raw: entry.name.replace(ARCHIVE_EXTENSION, ""), kind: "archive", location });
    }
  }
  return found;
}

async function visibleEntries(folder: string) {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => !entry.name.startsWith(".") && entry.name !== "__MACOSX");
}
