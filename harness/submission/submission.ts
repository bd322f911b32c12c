/** A student's submission: a folder, and the files the exercise expects, all checked to lie inside it. */
export interface Submission {
  /** Real path of the submission folder (symlinks resolved). */
  readonly root: string;
  /** Expected file (relative, as the exercise names it) -> its real absolute path. */
  readonly files: ReadonlyMap<string, string>;
  /** The build context and Dockerfile, for an exercise the grader builds itself (`build:`). */
  readonly contextDir?: string;
  readonly dockerfile?: string;
}
