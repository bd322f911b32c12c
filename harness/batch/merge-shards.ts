import { cp } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../kernel/errors.ts";
import { readManifest, shardLabel, writeManifest, type BatchManifest } from "./batch-manifest.ts";
import { writeClassOutputs } from "./class-outputs.ts";
import { readStudentRecord, type StudentRecord } from "./student-record.ts";
import { byCodeUnits } from "../kernel/code-unit-order.ts";

const HINT = "Pass every shard's output folder of the same batch once; resume an incomplete shard with --resume first.";

/**
 * Joins the shards of a batch into `outDir`: each shard's student folders are copied as they are, then
 * the class files are rendered from all the records, exactly as one batch over the whole class renders
 * them. Refused unless the shards are of one exercise and language, numbered 1..n once each, disjoint,
 * and each complete.
 */
export async function mergeShards(outDir: string, shardDirs: readonly string[]): Promise<{ students: number }> {
  const shards = await Promise.all(shardDirs.map(async (dir) => ({ dir, manifest: await shardManifest(dir) })));
  const first = shards[0]?.manifest;
  if (first === undefined) throw new UsageError("Name at least one shard folder.", HINT);
  const count = first.shard?.count ?? 1;
  const seen = new Set<number>();
  for (const { dir, manifest } of shards) {
    if (
      manifest.exercise !== first.exercise ||
      manifest.lang !== first.lang ||
      (manifest.shard?.count ?? 1) !== count ||
      manifest.deadline !== first.deadline
    ) {
      throw new UsageError(`${dir} is ${manifest.exercise} (${shardLabel(manifest.shard)}, ${manifest.lang}), not part of the batch of ${shardDirs[0]}.`, HINT);
    }
    const index = manifest.shard?.index ?? 1;
    if (seen.has(index)) throw new UsageError(`Shard ${index}/${count} is given twice (${dir}).`, HINT);
    seen.add(index);
  }
  const absent = Array.from({ length: count }, (_, position) => position + 1).filter((index) => !seen.has(index));
  if (absent.length > 0)
    throw new UsageError(`Shard(s) ${absent.map((index) => `${index}/${count}`).join(", ")} missing: the class would be incomplete.`, HINT);

  const records: StudentRecord[] = [];
  const folders = new Set<string>();
  for (const { dir, manifest } of shards) {
    const incomplete: string[] = [];
    for (const folder of manifest.members) {
      if (folders.has(folder)) throw new UsageError(`${folder} is in two shards (again in ${dir}).`, HINT);
      folders.add(folder);
      const record = await readStudentRecord(dir, folder, manifest.exercise);
      if (record === undefined) incomplete.push(folder);
      else records.push(record);
    }
    if (incomplete.length > 0) throw new UsageError(`${dir} (${shardLabel(manifest.shard)}) is incomplete: ${incomplete.join(", ")} not graded.`, HINT);
  }
  for (const { dir, manifest } of shards) {
    for (const folder of manifest.members) await cp(join(dir, folder), join(outDir, folder), { recursive: true, errorOnExist: true, force: false });
  }
  const members = [...folders].sort(byCodeUnits);
  const { shard: _shard, ...batch } = first;
  await writeManifest(outDir, { ...batch, members, unlisted: shards.flatMap(({ manifest }) => manifest.unlisted).sort() } satisfies BatchManifest);
  await writeClassOutputs(outDir, records, first.lang);
  return { students: records.length };
}

async function shardManifest(dir: string): Promise<BatchManifest> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) throw new UsageError(`${dir} holds no batch.json: it is not the output of npm run grade:batch.`, HINT);
  return manifest;
}
