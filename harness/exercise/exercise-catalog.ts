import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { readStrictYaml } from "../config/strict-yaml.ts";
import { UsageError } from "../kernel/errors.ts";
import { EXERCISES_ROOT } from "./project-paths.ts";
import type { Exercise } from "./exercise.ts";
import { exerciseFileSchema, SUBMISSION_MARKER, submissionMarkerSchema } from "./exercise-schema.ts";

const EXERCISE_FILE = "exercise.yaml";

export async function loadExercise(id: string, root: string = EXERCISES_ROOT): Promise<Exercise> {
  const dir = join(root, id);
  if (!/^[0-9A-C][\w-]*\/\d\d-[\w-]+$/.test(id) || !existsSync(join(dir, EXERCISE_FILE))) {
    const known = (await listExerciseIds(root)).join(", ");
    throw new UsageError(`Unknown exercise "${id}".`, `Known exercises: ${known || "(none)"}.`);
  }
  const file = await readStrictYaml(join(dir, EXERCISE_FILE), exerciseFileSchema);
  return {
    id,
    dir,
    title: file.title,
    chapter: file.chapter,
    submission: file.submission,
    baseImages: file.baseImages,
    policy: file.policy,
    ...(file.build ? { build: file.build } : {}),
    ...(file.compose ? { compose: file.compose } : {}),
  };
}

export async function listExerciseIds(root: string = EXERCISES_ROOT): Promise<string[]> {
  const ids: string[] = [];
  for (const chapter of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!chapter.isDirectory()) continue;
    for (const exercise of await readdir(join(root, chapter.name), { withFileTypes: true })) {
      if (existsSync(join(root, chapter.name, exercise.name, EXERCISE_FILE))) ids.push(`${chapter.name}/${exercise.name}`);
    }
  }
  return ids.sort();
}

/**
 * The exercise a folder belongs to: the nearest `.dockgrade.yaml` marker (a starter or solution,
 * or a student's copy of one), else the nearest ancestor with an exercise.yaml under exercises/.
 */
export async function inferExerciseId(path: string, root: string = EXERCISES_ROOT): Promise<string | undefined> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const marker = join(dir, SUBMISSION_MARKER);
    if (existsSync(marker)) return (await readStrictYaml(marker, submissionMarkerSchema)).exercise;
    if (existsSync(join(dir, EXERCISE_FILE)) && dir.startsWith(root + sep)) return relative(root, dir).split(sep).join("/");
    if (dirname(dir) === dir) return undefined;
  }
}
