import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GraderSuite } from "../checks/grader-suite.ts";
import { GRADERS_ROOT } from "../exercise/project-paths.ts";
import { UsageError } from "../kernel/errors.ts";

/**
 * Grader suites are modules loaded from beside the code that loads them: graders/ and its `.ts`
 * sources when the harness runs from source (tsx, vitest), the build's graders/ and its `.js` when
 * it runs from the build that harness/cli/run.mjs makes, where this code sits two folders below the
 * build's root as it sits two folders below the project here.
 */
const GRADER_MODULES = new URL("../../graders/", import.meta.url);
const MODULE_EXTENSION = extname(fileURLToPath(import.meta.url));

export async function loadGraderSuite(exerciseId: string): Promise<GraderSuite> {
  const file = join(GRADERS_ROOT, exerciseId, "grader.ts");
  if (!existsSync(file)) throw new UsageError(`No grader suite for ${exerciseId}.`, `Expected ${file}.`);
  const module = (await import(new URL(`${exerciseId}/grader${MODULE_EXTENSION}`, GRADER_MODULES).href)) as { default?: GraderSuite };
  if (typeof module.default !== "function") {
    throw new UsageError(`${file} does not export a grader suite.`, "Export `defineGrader((exercise) => [...checks])` as default.");
  }
  return module.default;
}
