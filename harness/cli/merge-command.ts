import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { mergeShards } from "../batch/merge-shards.ts";
import { UsageError } from "../kernel/errors.ts";
import { parseCommandArgs } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";

export const MERGE_USAGE = `Usage: npm run grade:merge -- --out DIR SHARD_DIRS...

Joins the outputs of npm run grade:batch -- --shard i/n ... (one folder per shard, all n of them) into DIR:
the students' folders, then index.html, the gradebooks, junit.xml and summary.md, the same as one batch.
Exit codes: 0 merged, 2 usage error (a shard missing, incomplete, or of another batch).`;

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { out: { type: "string" }, help: { type: "boolean", short: "h", default: false } }, MERGE_USAGE);
  if (values.help) {
    process.stdout.write(`${MERGE_USAGE}\n`);
    return EXIT.allPassed;
  }
  if (!values.out || positionals.length === 0) throw new UsageError("--out and at least one shard folder are required.", MERGE_USAGE);
  const cwd = process.env["INIT_CWD"] ?? process.cwd();
  const outDir = resolve(cwd, values.out);
  if (existsSync(outDir) && (await readdir(outDir)).length > 0) throw new UsageError(`${outDir} is not empty.`, "Merge into a new folder.");
  await mkdir(outDir, { recursive: true });
  const { students } = await mergeShards(
    outDir,
    positionals.map((dir) => resolve(cwd, dir)),
  );
  process.stdout.write(`${students} student(s) from ${positionals.length} shard(s): ${join(outDir, "index.html")}\n`);
  return EXIT.allPassed;
}
