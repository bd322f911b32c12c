import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../kernel/errors.ts";
import type { Shard } from "./shard.ts";
import { writeAtomically } from "./student-record.ts";

/**
 * `DIR/batch.json`: what a batch set out to grade. `--resume` checks it is the same batch; a merge
 * checks that the shards are all there, of one exercise, and each complete.
 */
const manifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  exercise: z.string(),
  lang: z.enum(["fr", "en"]),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
  deadline: z.string().optional(),
  /** The student folders of this batch (of this shard), sorted. */
  members: z.array(z.string()),
  /** With a roster: submissions it does not list. */
  unlisted: z.array(z.string()),
});

export type BatchManifest = z.infer<typeof manifestSchema>;

export const MANIFEST = "batch.json";

export async function writeManifest(outDir: string, manifest: BatchManifest): Promise<void> {
  await writeAtomically(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The folder's manifest; undefined when there is none; an error naming the file when it is not one. */
export async function readManifest(outDir: string): Promise<BatchManifest | undefined> {
  const file = join(outDir, MANIFEST);
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(content));
  } catch (error) {
    throw new UsageError(`${file} is not a dockgrade batch manifest: ${(error as Error).message}`, MANIFEST_HINT);
  }
  if (!parsed.success) throw new UsageError(`${file} is not a dockgrade batch manifest: ${z.prettifyError(parsed.error)}`, MANIFEST_HINT);
  return parsed.data;
}

const MANIFEST_HINT = "It is written by npm run grade:batch; grade into a new folder rather than editing it.";

export function shardLabel(shard: Shard | undefined): string {
  return shard === undefined ? "the whole class" : `shard ${shard.index}/${shard.count}`;
}
