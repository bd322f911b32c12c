import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ArchiveRefusedError } from "../batch/archive-refusal.ts";
import { batchProgress } from "../batch/batch-progress.ts";
import { readManifest, shardLabel, writeManifest } from "../batch/batch-manifest.ts";
import { isGitUrl, listClass } from "../batch/class-list.ts";
import { classSummary, writeClassOutputs } from "../batch/class-outputs.ts";
import { readRoster, RosterError } from "../batch/roster.ts";
import { defaultConcurrency, runBatch } from "../batch/run-batch.ts";
import { parseShard, shardPart, ShardSyntaxError } from "../batch/shard.ts";
import { connect } from "../engine/connect.ts";
import { sweepDeadRuns } from "../engine/sweep.ts";
import { UsageError } from "../kernel/errors.ts";
import { loadExercise } from "../exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../grading/grader-catalog.ts";
import { DEFAULT_BUDGET_SECONDS } from "../grading/grade-submission.ts";
import { isRunAlive } from "../grading/run-lease.ts";
import { githubJob } from "../report/github/github-job.ts";
import { chooseLang } from "./cli-language.ts";
import { describeSweep } from "./clean-command.ts";
import { parseCommandArgs, positiveInteger } from "./cli-args.ts";
import { EXIT } from "./exit-codes.ts";

export const BATCH_USAGE = `Usage: npm run grade:batch -- --exercise ID --out DIR [options] SOURCES...

Grades a class: each SOURCE is a folder of student folders or archives, a class archive, one student's
.zip/.tar/.tar.gz, or a git repository (path or URL) holding one student's work.
  --exercise ID      the exercise, e.g. 05-build/01-multi-stage
  --out DIR          DIR/<student>/{result.json,report.html}, then index.html, gradebook*.csv, junit.xml, summary.md
  --roster CSV       columns folder (required), id, email, name: matches folders to students
  --ref REF          grade git sources (and student folders that are git working copies) at this branch, tag or commit
  --before DATE      ... at their last commit before DATE (ISO 8601, e.g. 2026-11-20T23:59:00+01:00)
  --deadline DATE    flag as late what was committed or changed after DATE
  --concurrency N    submissions graded at once (default: from the engine's CPUs and memory)
  --resume           continue a batch in DIR: students already graded are kept, not graded again
  --shard i/n        grade only part i of n of the class (a CI matrix); npm run grade:merge joins the parts
  --lang fr|en       language of the reports (default: from LANG)
  --budget S         wall-clock seconds for each submission's checks (default ${DEFAULT_BUDGET_SECONDS})
Exit codes: 0 the class was graded (whatever the scores), 2 usage error, 3 no Docker engine, 130 interrupted (--resume continues).`;

export async function batchCommand(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCliArgs(argv);
  if (values.help) {
    process.stdout.write(`${BATCH_USAGE}\n`);
    return EXIT.allPassed;
  }
  const cwd = process.env["INIT_CWD"] ?? process.cwd();
  if (!values.exercise || !values.out) throw new UsageError("--exercise and --out are required.", BATCH_USAGE);
  if (positionals.length === 0) throw new UsageError("Name at least one SOURCE to grade.", BATCH_USAGE);
  const sources = positionals.map((source) => (isGitUrl(source) ? source : resolve(cwd, source)));
  const missing = sources.filter((source) => source.startsWith("/") && !existsSync(source));
  if (missing.length > 0) throw new UsageError(`No such source: ${missing.join(", ")}.`, BATCH_USAGE);
  const shard = values.shard === undefined ? undefined : await parse(() => parseShard(values.shard as string));
  const before = optionalDate(values.before, "--before");
  const deadline = optionalDate(values.deadline, "--deadline");
  const lang = chooseLang(values.lang);
  const outDir = resolve(cwd, values.out);
  const exercise = await loadExercise(values.exercise);
  const suite = await loadGraderSuite(values.exercise);
  await checkOutDir(outDir, values.resume, values.exercise, shard);
  const roster = values.roster === undefined ? undefined : await parse(() => readRoster(resolve(cwd, values.roster as string)));

  const engine = await connect();
  const swept = await sweepDeadRuns(engine, isRunAlive);
  if (swept.runs.length > 0) process.stderr.write(`dockgrade: ${describeSweep(swept)}\n`);
  const concurrency =
    values.concurrency === undefined ? defaultConcurrency(await engine.info()) : positiveInteger(values.concurrency, "--concurrency", BATCH_USAGE);
  const workDir = await mkdtemp(join(tmpdir(), "dockgrade-batch-"));
  try {
    const startedAt = Date.now();
    const git = { ...(values.ref === undefined ? {} : { ref: values.ref }), ...(before === undefined ? {} : { before }) };
    const whole = await parse(() =>
      listClass(sources, workDir, { gitSelection: values.ref !== undefined || before !== undefined, ...(roster ? { roster } : {}) }),
    );
    const members = shard === undefined ? [...whole.members] : shardPart(whole.members, shard);
    await mkdir(outDir, { recursive: true });
    const unlisted = whole.unlisted.filter((folder) => members.some((member) => member.folder === folder));
    await writeManifest(outDir, {
      schemaVersion: 1,
      exercise: exercise.id,
      lang,
      ...(shard === undefined ? {} : { shard }),
      ...(deadline === undefined ? {} : { deadline: deadline.toISOString() }),
      members: members.map((member) => member.folder),
      unlisted,
    });
    for (const folder of unlisted) process.stderr.write(`dockgrade: ${folder} is not on the roster: graded under its folder name\n`);
    process.stderr.write(`dockgrade: ${members.length} student(s) of ${whole.members.length} (${shardLabel(shard)}), ${concurrency} at a time\n`);
    const outcome = await runBatch({
      engine,
      exercise,
      suite,
      lang,
      signal,
      members,
      concurrency,
      outDir,
      workDir,
      git,
      budgetSeconds: values.budget === undefined ? DEFAULT_BUDGET_SECONDS : positiveInteger(values.budget, "--budget", BATCH_USAGE),
      resume: values.resume,
      ...(deadline === undefined ? {} : { deadline }),
      progress: (total) => batchProgress(total, process.stderr),
    });
    await writeClassOutputs(outDir, outcome.records, lang);
    await githubJob()?.appendSummary(classSummary(outcome.records, lang));
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stdout.write(`${outcome.graded} graded, ${outcome.resumed} kept from before, in ${seconds} s: ${join(outDir, "index.html")}\n`);
    if (outcome.interrupted) {
      process.stderr.write(
        `dockgrade: interrupted: ${members.length - outcome.records.length} student(s) not graded; run the same command with --resume to finish\n`,
      );
      return EXIT.interrupted;
    }
    return EXIT.allPassed;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A new batch needs an empty (or new) folder; `--resume` needs the same batch's folder. */
async function checkOutDir(outDir: string, resume: boolean, exerciseId: string, shard: ReturnType<typeof parseShard> | undefined): Promise<void> {
  const manifest = await readManifest(outDir);
  if (resume) {
    if (manifest === undefined) return;
    const sameShard = manifest.shard?.index === shard?.index && manifest.shard?.count === shard?.count;
    if (manifest.exercise === exerciseId && sameShard) return;
    throw new UsageError(
      `${outDir} holds a batch of ${manifest.exercise} (${shardLabel(manifest.shard)}): --resume continues only that one.`,
      "Give the same --exercise and --shard, or another --out folder.",
    );
  }
  const entries = existsSync(outDir) ? await readdir(outDir) : [];
  if (entries.length === 0) return;
  const what = manifest === undefined ? "is not empty" : `already holds a batch of ${manifest.exercise}`;
  throw new UsageError(`${outDir} ${what}.`, "Add --resume to continue that batch, or choose another --out folder.");
}

function optionalDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} takes an ISO 8601 date, e.g. 2026-11-20T23:59:00+01:00, not "${value}".`, BATCH_USAGE);
  return date;
}

/** The batch's own input errors (a bad --shard, a roster with problems, a refused class archive) are usage errors: exit 2, no stack. */
async function parse<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ShardSyntaxError) throw new UsageError(error.message, BATCH_USAGE);
    if (error instanceof RosterError) throw new UsageError(`The roster cannot be used: ${error.message}`, "Fix these lines of the roster CSV and run again.");
    // A class archive refused as a whole: nobody's work can be listed from it.
    if (error instanceof ArchiveRefusedError)
      throw new UsageError(error.message, "Fix or recreate the class archive, or extract it yourself and pass the folder.");
    throw error;
  }
}

function parseCliArgs(argv: readonly string[]) {
  return parseCommandArgs(
    argv,
    {
      exercise: { type: "string" },
      out: { type: "string" },
      roster: { type: "string" },
      ref: { type: "string" },
      before: { type: "string" },
      deadline: { type: "string" },
      concurrency: { type: "string" },
      resume: { type: "boolean", default: false },
      shard: { type: "string" },
      lang: { type: "string" },
      budget: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    BATCH_USAGE,
  );
}
