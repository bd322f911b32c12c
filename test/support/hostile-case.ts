import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { readStrictYaml } from "../../harness/config/strict-yaml.ts";
import { EXERCISES_ROOT, PROJECT_ROOT } from "../../harness/exercise/project-paths.ts";

export const HOSTILE_ROOT = join(PROJECT_ROOT, "test", "hostile");

const caseSchema = z.strictObject({
  description: z.string().min(1),
  exercise: z.string().min(1),
  /** The exercise folder the submission starts from. */
  from: z.enum(["solution", "starter"]).default("solution"),
  /** YAML settings laid into files of the submission: file -> dotted key path -> value. */
  set: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  /** Files written as given (text), over the copied folder. */
  files: z.record(z.string(), z.string()).default({}),
  /** Files written from base64: binary or non-UTF-8 content. */
  bytes: z.record(z.string(), z.string()).default({}),
  /** Symbolic links to create: path in the submission -> target. */
  symlinks: z.record(z.string(), z.string()).default({}),
  /** Sparse files of this many bytes (no disk used): a huge context without filling the disk. */
  sparse: z.record(z.string(), z.number().int().positive()).default({}),
  /** A folder filled with this many small files. */
  manyFiles: z.strictObject({ dir: z.string(), count: z.number().int().positive() }).optional(),
  args: z.array(z.string()).default([]),
  /** Environment the CLI runs with: an operator's setting, such as a smaller build-disk limit. */
  env: z.record(z.string(), z.string()).default({}),
  /** Let the grader find the exercise from the submission's .dockgrade.yaml instead of passing --exercise. */
  inferExercise: z.boolean().default(false),
  expect: z.strictObject({
    exit: z.number().int(),
    /** `failure.code` of a refused submission. */
    failure: z.string().optional(),
    /** Policy rules the refusal must list. */
    rules: z.array(z.string()).default([]),
    /** Check id -> status it must end with. */
    checks: z.record(z.string(), z.enum(["passed", "failed", "error", "skipped"])).default({}),
    /** A pattern that must appear in what the user reads (failure, violations, check messages and details). */
    text: z.string().min(1),
    maxSeconds: z.number().positive(),
  }),
  /** Host paths the submission tries to create: none may exist after grading. */
  markers: z.array(z.string()).default([]),
  /**
   * The engine's disk in use (build cache and image layers) must be the same after grading as
   * before, within this many bytes: the engine is shared, and other builds may run meanwhile.
   */
  engineDiskMarginBytes: z.number().int().positive().optional(),
});

export type HostileCase = z.infer<typeof caseSchema> & { readonly name: string };

export async function listHostileCases(): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  for (const entry of (await readdir(HOSTILE_ROOT, { withFileTypes: true })).filter((entry) => entry.isDirectory())) {
    cases.push({ name: entry.name, ...(await readStrictYaml(join(HOSTILE_ROOT, entry.name, "case.yaml"), caseSchema)) });
  }
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}

/** The hostile submission on disk, in a fresh folder. */
export async function materialiseCase(hostile: HostileCase): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `dockgrade-hostile-${hostile.name}-`));
  await cp(join(EXERCISES_ROOT, hostile.exercise, hostile.from), dir, { recursive: true });
  for (const [file, settings] of Object.entries(hostile.set)) {
    const document = parseDocument(await readFile(join(dir, file), "utf8"));
    for (const [path, value] of Object.entries(settings)) document.setIn(path.split("."), value);
    await writeFile(join(dir, file), document.toString());
  }
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  };
  for (const [file, content] of Object.entries(hostile.files)) await write(file, content);
  for (const [file, base64] of Object.entries(hostile.bytes)) await write(file, Buffer.from(base64, "base64"));
  for (const [link, target] of Object.entries(hostile.symlinks)) {
    await rm(join(dir, link), { force: true });
    await symlink(target, join(dir, link));
  }
  for (const [file, size] of Object.entries(hostile.sparse)) {
    await write(file, "");
    await truncate(join(dir, file), size);
  }
  if (hostile.manyFiles) {
    const folder = join(dir, hostile.manyFiles.dir);
    await mkdir(folder, { recursive: true });
    for (let index = 0; index < hostile.manyFiles.count; index++) await writeFile(join(folder, `f${index}`), "x");
  }
  return dir;
}
