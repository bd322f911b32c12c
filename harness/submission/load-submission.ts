import { readdir, readlink, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { UngradableSubmissionError } from "../kernel/errors.ts";
import type { Exercise } from "../exercise/exercise.ts";
import { isInside } from "./inside-root.ts";
import type { Submission } from "./submission.ts";

/** A class's submissions are small; a tree larger than this is not a Dockerfile exercise. */
const MAX_ENTRIES = 20_000;

/**
 * Loads a submission folder: every file the exercise requires must exist and be a regular file,
 * and nothing in the folder may resolve outside it (a Dockerfile symlinked to /etc/shadow would
 * otherwise be read by the builder on the grader's machine).
 */
export async function loadSubmission(path: string, exercise: Exercise): Promise<Submission> {
  const root = await realpath(path).catch(() => {
    throw new UngradableSubmissionError("missing-file", `Submission folder not found: ${path}`, "Check the path you gave to the grader.");
  });
  await refuseEscapingLinks(root);
  const problems: string[] = [];
  const files = new Map<string, string>();
  for (const wanted of exercise.submission.required) {
    const absolute = join(root, wanted);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) problems.push(wanted);
    else if (!info.isFile()) {
      throw new UngradableSubmissionError("not-a-file", `${wanted} is not a regular file.`, `Replace ${wanted} with a regular file.`);
    } else files.set(wanted, await realpath(absolute));
  }
  if (problems.length > 0) {
    throw new UngradableSubmissionError(
      "missing-file",
      `Missing from the submission: ${problems.join(", ")}.`,
      `The exercise ${exercise.id} expects these files in ${root}; start from the exercise's starter/ folder.`,
    );
  }
  if (!exercise.build) return { root, files };
  const contextDir = resolve(root, exercise.build.context);
  if (!isInside(root, contextDir)) {
    throw new UngradableSubmissionError("outside-submission", "The build context lies outside the submission.", "Fix build.context in exercise.yaml.");
  }
  return { root, files, contextDir, dockerfile: join(root, exercise.build.dockerfile) };
}

async function refuseEscapingLinks(root: string): Promise<void> {
  let seen = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES) {
        throw new UngradableSubmissionError(
          "too-large",
          `The submission holds more than ${MAX_ENTRIES} files.`,
          "Remove build outputs and dependencies (node_modules, .git objects) before grading.",
        );
      }
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isSymbolicLink()) await refuseIfOutside(root, path);
    }
  }
}

async function refuseIfOutside(root: string, link: string): Promise<void> {
  const target = await readlink(link);
  const resolved = await realpath(link).catch(() => resolve(dirname(link), target));
  if (isInside(root, resolved)) return;
  const name = relative(root, link);
  throw new UngradableSubmissionError(
    "outside-submission",
    `${name} is a symbolic link to ${isAbsolute(target) ? target : resolved}, outside the submission.`,
    `Replace ${name} with a real file inside your submission folder: the grader reads nothing outside it.`,
  );
}
