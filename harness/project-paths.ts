import { fileURLToPath } from "node:url";

/** Folders of the project itself, found from this file so that the grader works from any cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
export const EXERCISES_ROOT = `${PROJECT_ROOT}/exercises`;
export const GRADERS_ROOT = `${PROJECT_ROOT}/graders`;
