import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { readStrictYaml } from "../../harness/config/strict-yaml.ts";
import { GRADERS_ROOT } from "../../harness/exercise/project-paths.ts";

const variantSchema = z.strictObject({
  description: z.string().min(1),
  /** The checks this variant must not pass; every other check must pass. None: a correct alternative solution, full marks. */
  loses: z.array(z.string()),
});

export interface Variant {
  readonly name: string;
  readonly dir: string;
  readonly description: string;
  readonly loses: readonly string[];
}

/** The known-bad variants that prove an exercise's grader: graders/<id>/corpus/<name>/variant.yaml. */
export async function listVariants(exerciseId: string): Promise<Variant[]> {
  const root = join(GRADERS_ROOT, exerciseId, "corpus");
  if (!existsSync(root)) return [];
  const variants: Variant[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    const spec = await readStrictYaml(join(dir, "variant.yaml"), variantSchema);
    variants.push({ name: entry.name, dir, ...spec });
  }
  return variants.sort((a, b) => a.name.localeCompare(b.name));
}

/** A throw-away submission: the solution with the variant's files laid over it. */
export async function materialiseVariant(solutionDir: string, variant: Variant): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `dockgrade-variant-${variant.name}-`));
  await cp(solutionDir, dir, { recursive: true });
  await cp(variant.dir, dir, { recursive: true, filter: (source) => !source.endsWith("variant.yaml") });
  return dir;
}
