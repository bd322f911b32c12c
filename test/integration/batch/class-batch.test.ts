import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { parse as parseHtml } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, writeManifest } from "../../../harness/batch/batch-manifest.ts";
import { mergeShards } from "../../../harness/batch/merge-shards.ts";
import { shardPart } from "../../../harness/batch/shard.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { leftovers } from "../../support/leftovers.ts";
import { runCli } from "../../support/run-cli.ts";
import { buildClass, DEADLINE, EXERCISE, type ClassSources } from "./class-fixture.ts";

const CLASS_FILES = ["index.html", "gradebook.csv", "gradebook-moodle.csv", "gradebook-canvas.csv", "junit.xml", "summary.md"];
const STUDENTS = ["alice-martin", "bob", "chloe", "david", "emma", "farid", "gabriel", "hugo", "ines", "jules", "karim", "lea", "marc", "nina"];

let engine: Engine;
let scratch: string;
let sources: ClassSources;
beforeAll(async () => {
  engine = await connect();
  scratch = await mkdtemp(join(tmpdir(), "dockgrade-class-"));
  sources = await buildClass(scratch);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

function batch(out: string, ...extra: string[]) {
  const args = [
    "batch",
    "--exercise",
    EXERCISE,
    "--out",
    out,
    "--roster",
    sources.roster,
    "--before",
    DEADLINE.toISOString(),
    "--deadline",
    DEADLINE.toISOString(),
    "--lang",
    "fr",
    ...extra,
  ];
  return runCli([...args, sources.classDir, sources.repository]);
}

async function results(out: string): Promise<Map<string, GradeResult>> {
  const folders = (await readdir(out, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const read = async (folder: string) => [folder, JSON.parse(await readFile(join(out, folder, "result.json"), "utf8")) as GradeResult] as const;
  return new Map(await Promise.all(folders.map(read)));
}

/** What must not differ between two gradings of the same work: the verdicts, not the timings. */
function verdicts(all: Map<string, GradeResult>) {
  return [...all].map(([folder, result]) => ({
    folder,
    score: result.score,
    failure: result.failure?.code,
    checks: result.checks.map((check) => `${check.id}:${check.status}`),
  }));
}

const lost = (result: GradeResult | undefined) =>
  result?.checks
    .filter((check) => check.status !== "passed")
    .map((check) => check.id)
    .sort();

describe("grading a class in one command", () => {
  const single = () => join(scratch, "single");

  it("grades 14 mixed submissions, each with the outcome its work deserves", { timeout: 900_000 }, async () => {
    const run = await batch(single(), "--concurrency", "2");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^14 graded, 0 kept from before, in [\d.]+ s/);
    expect(run.stderr).toContain("bob is not on the roster");
    const all = await results(single());
    expect([...all.keys()].sort()).toEqual(STUDENTS);
    for (const full of ["alice-martin", "chloe", "lea"]) expect(all.get(full)?.score, full).toBe(23);
    expect(all.get("bob")?.score).toBeLessThan(23 / 2);
    expect(lost(all.get("david"))).toEqual(["user-configured", "user-runtime"]);
    expect(lost(all.get("emma"))).toEqual(["exec-form"]);
    expect(lost(all.get("marc"))).toEqual(["healthcheck-declared", "healthcheck-healthy"]);
    expect(all.get("farid")?.checks.find((check) => check.id === "build")?.status).toBe("failed");
    const refusals = Object.fromEntries(["gabriel", "hugo", "ines", "jules", "karim", "nina"].map((name) => [name, all.get(name)?.failure?.code]));
    expect(refusals).toEqual({
      gabriel: "archive-refused",
      hugo: "archive-refused",
      ines: "archive-refused",
      jules: "archive-refused",
      karim: "policy-refused",
      nina: "no-submission",
    });
    expect(all.get("gabriel")?.failure?.message).toContain("« .. »");
    expect(all.get("hugo")?.failure?.message).toContain("liens");
    expect(all.get("ines")?.failure?.message).toContain("bombe de décompression");
    expect(all.get("ines")?.maxScore).toBe(23);
    expect(existsSync(sources.escapeMarker)).toBe(false);
    for (const result of all.values()) expect(await leftovers(engine, result.runId)).toEqual([]);

    const lea = JSON.parse(await readFile(join(single(), "lea", "student.json"), "utf8"));
    expect(lea).toMatchObject({ student: "Léa", id: "2026-012", source: { kind: "git" }, late: false });
    expect(new Date(lea.submittedAt).getTime()).toBeLessThan(DEADLINE.getTime());
    const marc = JSON.parse(await readFile(join(single(), "marc", "student.json"), "utf8"));
    expect(marc.late).toBe(true);
  });

  it("writes every class file in the format its consumer reads", async () => {
    const gradebook = parseCsv(await readFile(join(single(), "gradebook.csv")), { bom: true }) as string[][];
    expect(gradebook[0]?.slice(0, 3)).toEqual(["student", "score", "max"]);
    expect(gradebook[0]?.slice(-3)).toEqual(["feedback", "submitted_at", "late"]);
    expect(gradebook).toHaveLength(15);
    expect(gradebook.find((row) => row[0] === "Marc")?.at(-1)).toBe("yes");
    expect(gradebook.find((row) => row[0] === "Inès")?.slice(1, 3)).toEqual(["0", "23"]);
    const moodle = parseCsv(await readFile(join(single(), "gradebook-moodle.csv")), { columns: true }) as Record<string, string>[];
    expect(moodle.find((row) => row["ID number"] === "2026-001")?.["Email address"]).toBe("2026-001@ecole.fr");
    const canvas = parseCsv(await readFile(join(single(), "gradebook-canvas.csv")), { columns: true }) as Record<string, string>[];
    expect(Object.keys(canvas[0] ?? {}).slice(0, 5)).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]);
    const junit = await readFile(join(single(), "junit.xml"), "utf8");
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit.match(/<testsuite /g)).toHaveLength(14);
    const errors: string[] = [];
    const page = await readFile(join(single(), "index.html"), "utf8");
    parseHtml(page, { onParseError: (error) => errors.push(error.code) });
    expect(errors).toEqual([]);
    for (const student of STUDENTS) {
      expect(page).toContain(`href="${student}/report.html"`);
      expect(existsSync(join(single(), student, "report.html"))).toBe(true);
    }
  });

  it("graded in two shards and merged, equals the single run", { timeout: 900_000 }, async () => {
    const shards = [1, 2].map((index) => join(scratch, `shard-${index}`));
    const runs = await Promise.all(shards.map((out, index) => batch(out, "--shard", `${index + 1}/2`, "--concurrency", "1")));
    for (const run of runs) expect(run.exitCode, run.stderr).toBe(0);
    const merged = join(scratch, "merged");
    const merge = await runCli(["merge", "--out", merged, ...shards]);
    expect(merge.exitCode, merge.stderr).toBe(0);
    expect(verdicts(await results(merged))).toEqual(verdicts(await results(single())));

    // The merge itself adds nothing: the single run's records split by shard and merged give its very bytes.
    const split = await splitIntoShards(single(), 2);
    const rejoined = join(scratch, "rejoined");
    await mkdir(rejoined);
    await mergeShards(rejoined, split);
    for (const file of CLASS_FILES) expect(await readFile(join(rejoined, file), "utf8"), file).toBe(await readFile(join(single(), file), "utf8"));
  });

  it("refuses a merge with a shard missing", async () => {
    const run = await runCli(["merge", "--out", join(scratch, "half"), join(scratch, "shard-1")]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Shard(s) 2/2 missing");
  });

  it("resumes: regrades only the students without a complete record", { timeout: 600_000 }, async () => {
    const resumed = join(scratch, "resumed");
    await cp(single(), resumed, { recursive: true });
    const before = await results(resumed);
    for (const folder of ["emma", "jules"]) await rm(join(resumed, folder, "result.json"));
    const run = await batch(resumed, "--resume");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^2 graded, 12 kept from before/);
    const after = await results(resumed);
    for (const [folder, result] of after) {
      if (folder === "emma" || folder === "jules") expect(result.runId).not.toBe(before.get(folder)?.runId);
      else expect(result.runId, folder).toBe(before.get(folder)?.runId);
    }
    const again = await batch(resumed);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("--resume");
  });
});

/** The single run's folder dealt into `count` shard folders, as the shards would have written them. */
async function splitIntoShards(out: string, count: number): Promise<string[]> {
  const manifest = await readManifest(out);
  if (manifest === undefined) throw new Error(`${out} has no manifest`);
  return Promise.all(
    Array.from({ length: count }, async (_, position) => {
      const shard = { index: position + 1, count };
      const dir = join(scratch, `split-${shard.index}`);
      const members = shardPart(manifest.members, shard);
      for (const folder of members) await cp(join(out, folder), join(dir, folder), { recursive: true });
      await writeManifest(dir, { ...manifest, shard, members, unlisted: manifest.unlisted.filter((folder) => members.includes(folder)) });
      return dir;
    }),
  );
}
