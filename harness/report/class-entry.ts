import type { GradeResult } from "../kernel/result.ts";

/** One student's result in a class, with the roster fields an LMS import matches students on. */
export interface ClassEntry {
  /** The name shown to the instructor: the roster name, else the submission folder. */
  readonly student: string;
  readonly result: GradeResult;
  /** The institution's student id (Moodle "ID number", Canvas "SIS User ID"). */
  readonly id?: string;
  readonly email?: string;
  /** When the work was handed in: the graded commit's date, else the newest file's (ISO 8601). */
  readonly submittedAt?: string;
  /** Handed in after the batch's `--deadline`; absent when no deadline was given. */
  readonly late?: boolean;
}
