import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { GraderSuite } from "../checks/grader-suite.ts";
import type { Engine } from "../engine/engine.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { gradeSubmission } from "../grading/grade-submission.ts";
import { ungradedResult } from "../grading/ungraded-result.ts";
import type { FailureStatement } from "../grading/result-builder.ts";
import type { GradeResult } from "../kernel/result.ts";
import { text, type Lang, type Text } from "../kernel/text.ts";
import { ArchiveRefusedError } from "./archive-refusal.ts";
import type { ClassMember } from "./class-list.ts";
import { extractArchive } from "./extract-archive.ts";
import { checkoutGitSource, GitSourceError, type GitSelection } from "./git-source.ts";
import { newestFileDate } from "./hand-in-date.ts";
import type { StudentRecord } from "./student-record.ts";
import { submissionRoot } from "./submission-root.ts";

export interface MemberGrading {
  readonly engine: Engine;
  readonly exercise: Exercise;
  readonly suite: GraderSuite;
  readonly lang: Lang;
  readonly signal: AbortSignal;
  readonly budgetSeconds: number;
  readonly git: GitSelection;
  readonly deadline?: Date;
  /** Scratch space for extracted archives and checkouts, removed student by student. */
  readonly workDir: string;
  /** Where the grader's own errors keep their stack: the student's output folder. */
  readonly outDir: string;
}

/** A result the grader did not reach for the student's reason or its own, with what the student's work was. */
export const GRADER_ERROR = "grader-error";

/**
 * One student, start to end: their work made into a folder (archive extracted, repository checked
 * out at the selected commit), graded, then the folder removed. Whatever goes wrong is this student's
 * result with the reason, never an exception: the batch goes on.
 */
export async function gradeMember(member: ClassMember, grading: MemberGrading): Promise<StudentRecord> {
  const startedAt = new Date();
  const scratch = join(grading.workDir, "students", member.folder);
  const { source } = member;
  const location = source.kind === "folder" ? source.path : source.kind === "archive" ? source.archive : source.kind === "git" ? source.repository : undefined;
  const meta = {
    folder: member.folder,
    student: member.roster?.name ?? member.folder,
    ...(member.roster?.id === undefined ? {} : { id: member.roster.id }),
    ...(member.roster?.email === undefined ? {} : { email: member.roster.email }),
  };
  const ungraded = (failure: FailureStatement): StudentRecord => ({
    meta: { ...meta, source: { kind: source.kind, ...(location === undefined ? {} : { location }) } },
    result: ungradedResult({ exercise: grading.exercise, suite: grading.suite, lang: grading.lang, submissionPath: location ?? "", failure, startedAt }),
  });
  try {
    let path: string;
    let submittedAt: Date | undefined;
    let commit: string | undefined;
    if (source.kind === "none") return ungraded(refusal("no-submission", NOTHING_HANDED_IN.message, NOTHING_HANDED_IN.hint));
    if (source.kind === "folder") path = source.path;
    else if (source.kind === "archive") path = await submissionRoot((await extractArchive(source.archive, scratch)).dir);
    else {
      await mkdir(join(grading.workDir, "students"), { recursive: true });
      const checkout = await checkoutGitSource(source.repository, scratch, grading.git);
      path = checkout.dir;
      submittedAt = checkout.committedAt;
      commit = checkout.commit;
    }
    submittedAt ??= await newestFileDate(path);
    const result = await gradeSubmission({ ...grading, submissionPath: path });
    const late = grading.deadline === undefined || submittedAt === undefined ? undefined : submittedAt.getTime() > grading.deadline.getTime();
    return {
      meta: {
        ...meta,
        source: { kind: source.kind, ...(location === undefined ? {} : { location }), ...(commit === undefined ? {} : { commit }) },
        ...(submittedAt === undefined ? {} : { submittedAt: submittedAt.toISOString() }),
        ...(late === undefined ? {} : { late }),
      },
      // The folder graded may be a scratch copy that is gone: the instructor's own path means more.
      result: { ...result, submission: { path: location ?? path } } satisfies GradeResult,
    };
  } catch (error) {
    if (error instanceof ArchiveRefusedError) return ungraded(refusal("archive-refused", error.text, ARCHIVE_HINT));
    if (error instanceof GitSourceError) return ungraded(refusal("git-unreadable", error.text, GIT_HINT));
    if (grading.signal.aborted) throw error;
    return ungraded(graderError(error, join(grading.outDir, member.folder)));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const NOTHING_HANDED_IN = {
  message: text("Aucun rendu trouvé pour cet étudiant dans les sources.", "No submission was found for this student in the sources."),
  hint: text(
    "Vérifiez le nom du dossier ou de l'archive dans la liste de la classe (colonne folder).",
    "Check the folder or archive name in the roster (folder column).",
  ),
};
const ARCHIVE_HINT = text("Corrigez l'archive et déposez-la de nouveau.", "Fix the archive and hand it in again.");
const GIT_HINT = text(
  "Vérifiez l'adresse du dépôt, la référence (--ref) et la date limite (--before).",
  "Check the repository's address, the ref (--ref) and the deadline (--before).",
);

function refusal(code: string, message: Text, hint: Text): FailureStatement {
  return { code, message, hint };
}

/** The grader's own bug on this submission: the stack goes beside the student's result, the batch goes on. */
function graderError(error: unknown, studentOut: string): FailureStatement {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const trace = join(studentOut, "grader-error.txt");
  mkdirSync(studentOut, { recursive: true });
  writeFileSync(trace, `${detail}\n`);
  return {
    code: GRADER_ERROR,
    message: `The grader failed on this submission: ${error instanceof Error ? error.message : String(error)}`,
    hint: `This is a bug of the grader, not of the student's work: please report it with ${trace}. --resume grades this student again.`,
  };
}
