import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folder: the nearest one above this module with a package.json. Found by walking up
 * because this module runs from two places: harness/ when run from source (tsx, vitest), and a build
 * under dist/ (harness/cli/run.mjs) when run as `npm run grade`. The grader works from any cwd.
 */
function findProjectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const EXERCISES_ROOT = `${PROJECT_ROOT}/exercises`;
export const GRADERS_ROOT = `${PROJECT_ROOT}/graders`;
export const TEMPLATES_ROOT = `${PROJECT_ROOT}/reports/templates`;
