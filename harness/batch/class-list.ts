import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { findSubmissions, type StudentSource } from "./find-submissions.ts";
import type { RosterStudent } from "./roster.ts";
import { safeStudentName, uniqueStudentNames } from "./student-name.ts";
import { byCodeUnits } from "../kernel/code-unit-order.ts";

/** Where one student's work comes from. `none`: on the roster, but nothing was handed in. */
export type WorkSource =
  | { readonly kind: "folder"; readonly path: string }
  | { readonly kind: "archive"; readonly archive: string }
  | { readonly kind: "git"; readonly repository: string }
  | { readonly kind: "none" };

export interface ClassMember {
  /** Unique and safe: the student's folder in the output, `DIR/<folder>/`. */
  readonly folder: string;
  readonly source: WorkSource;
  readonly roster?: RosterStudent;
}

export interface ClassList {
  /** Sorted by folder: every shard of a matrix computes the same list. */
  readonly members: readonly ClassMember[];
  /** With a roster: submissions it does not list (a typo in a folder name, a student who joined late). */
  readonly unlisted: readonly string[];
}

export interface ClassListOptions {
  /** `--ref` or `--before` was given: student folders that are git working copies are read at that commit. */
  readonly gitSelection: boolean;
  readonly roster?: readonly RosterStudent[];
}

/** The class's own files in the output folder; a student folder never takes one of these names. */
export const CLASS_FILES = ["index.html", "gradebook.csv", "gradebook-moodle.csv", "gradebook-canvas.csv", "junit.xml", "summary.md", "batch.json"] as const;

const GIT_URL = /^(https?|ssh|git|file):\/\/|^[^/\s]+@[^/\s]+:/i;

/** A source given as a URL (`https://`, `ssh://`, `git@host:`...) rather than a path. */
export function isGitUrl(source: string): boolean {
  return GIT_URL.test(source);
}

/**
 * Every student of the sources, with roster rows matched by folder name (accents and case aside).
 * A source is a folder of student folders or archives, a class archive, one student's archive, or a
 * git repository (a URL, a working copy or a bare repository), which is one student. Archives of a
 * class are extracted under `workDir`; a student's own archive is extracted later, when graded.
 */
export async function listClass(sources: readonly string[], workDir: string, options: ClassListOptions): Promise<ClassList> {
  const found: { name: string; source: WorkSource }[] = [];
  for (const [index, source] of sources.entries()) {
    if (await isGitRepository(source)) {
      found.push({ name: safeStudentName(basename(source.replace(/\/+$/, "")).replace(/\.git$/i, "")), source: { kind: "git", repository: source } });
      continue;
    }
    for (const student of await findSubmissions(source, join(workDir, `source-${index + 1}`))) {
      found.push({ name: student.student, source: await workSource(student, options) });
    }
  }
  found.sort((a, b) => byCodeUnits(a.name, b.name));
  const folders = uniqueStudentNames(found.map(({ name }) => ((CLASS_FILES as readonly string[]).includes(name) ? name.replace(/\./g, "-") : name)));
  const members: ClassMember[] = found.map(({ source }, index) => ({ folder: folders[index] as string, source }));
  if (options.roster === undefined) return { members, unlisted: [] };

  const byFolder = new Map(options.roster.map((row) => [safeStudentName(row.folder), row]));
  const matched = members.map((member) => {
    const row = byFolder.get(member.folder);
    byFolder.delete(member.folder);
    return row === undefined ? member : { ...member, roster: row };
  });
  const unlisted = matched.filter((member) => member.roster === undefined).map((member) => member.folder);
  const absent = [...byFolder].map(([folder, row]): ClassMember => ({ folder, source: { kind: "none" }, roster: row }));
  return { members: [...matched, ...absent].sort((a, b) => byCodeUnits(a.folder, b.folder)), unlisted };
}

async function workSource(student: StudentSource, options: ClassListOptions): Promise<WorkSource> {
  if ("archive" in student) return { kind: "archive", archive: student.archive };
  if (options.gitSelection && existsSync(join(student.path, ".git"))) return { kind: "git", repository: student.path };
  return { kind: "folder", path: student.path };
}

async function isGitRepository(source: string): Promise<boolean> {
  if (isGitUrl(source)) return true;
  const info = await stat(source).catch(() => undefined);
  if (!info?.isDirectory()) return false;
  return existsSync(join(source, ".git")) || (source.replace(/\/+$/, "").endsWith(".git") && existsSync(join(source, "HEAD")));
}
