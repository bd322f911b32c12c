import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listClass } from "../../../harness/batch/class-list.ts";
import { removeScratchDirs, scratchDir, zipBytes } from "./archives.ts";

afterAll(removeScratchDirs);

const DOCKERFILE = "FROM busybox:1.37\n";

function studentFolder(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
  return dir;
}

function gitRepository(dir: string): void {
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", ...args]);
  execFileSync("git", ["init", "--quiet", dir]);
  git("add", ".");
  git("commit", "--quiet", "-m", "work");
}

describe("the class list", () => {
  it("joins folders, archives and repositories from several sources, sorted, with unique folders", async () => {
    const classDir = scratchDir();
    studentFolder(classDir, "Alice");
    writeFileSync(join(classDir, "bob.zip"), await zipBytes([{ name: "Dockerfile", content: DOCKERFILE }]));
    const other = scratchDir();
    studentFolder(other, "alice");
    const repository = studentFolder(scratchDir(), "Chloé.git");
    gitRepository(repository);
    const single = join(scratchDir(), "index.html.zip");
    writeFileSync(single, await zipBytes([{ name: "compose.yaml", content: "services: {}\n" }]));

    const { members, unlisted } = await listClass([classDir, other, repository, single], scratchDir(), { gitSelection: false });
    expect(members.map((member) => [member.folder, member.source.kind])).toEqual([
      ["alice", "folder"],
      ["alice-2", "folder"],
      ["bob", "archive"],
      ["chloe", "git"],
      // A student's folder never takes the name of a class file.
      ["index-html", "folder"],
    ]);
    expect(unlisted).toEqual([]);
  });

  it("reads student folders that are git working copies at a commit only when --ref or --before asks", async () => {
    const classDir = scratchDir();
    gitRepository(studentFolder(classDir, "dan"));
    expect((await listClass([classDir], scratchDir(), { gitSelection: false })).members[0]?.source.kind).toBe("folder");
    expect((await listClass([classDir], scratchDir(), { gitSelection: true })).members[0]?.source.kind).toBe("git");
  });

  it("matches the roster by folder, adds who handed nothing in, and names submissions it does not list", async () => {
    const classDir = scratchDir();
    studentFolder(classDir, "Zoé Martin");
    studentFolder(classDir, "stranger");
    const roster = [
      { folder: "zoe martin", id: "17", line: 2 },
      { folder: "Yann", id: "18", line: 3 },
    ];
    const { members, unlisted } = await listClass([classDir], scratchDir(), { gitSelection: false, roster });
    expect(members.map((member) => [member.folder, member.source.kind, member.roster?.id])).toEqual([
      ["stranger", "folder", undefined],
      ["yann", "none", "18"],
      ["zoe-martin", "folder", "17"],
    ]);
    expect(unlisted).toEqual(["stranger"]);
  });
});
