import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveRefusedError } from "../../../harness/batch/archive-refusal.ts";
import { findSubmissions } from "../../../harness/batch/find-submissions.ts";
import { safeStudentName, uniqueStudentNames } from "../../../harness/batch/student-name.ts";
import { removeScratchDirs, scratchDir, tarBytes, tgzBytes, zipBytes } from "./archives.ts";

afterAll(removeScratchDirs);

const DOCKERFILE = "FROM busybox:1.37\n";

describe("student names", () => {
  it("makes names safe folder names", () => {
    expect(safeStudentName("Élodie Dupré")).toBe("elodie-dupre");
    expect(safeStudentName("../../etc")).toBe("etc");
    expect(safeStudentName(".hidden")).toBe("hidden");
    expect(safeStudentName("***")).toBe("student");
    expect(safeStudentName("a".repeat(100))).toHaveLength(64);
  });

  it("suffixes collisions in list order, keeping names that are free", () => {
    expect(uniqueStudentNames(["Alice", "alice", "alice-2", "Bob"])).toEqual(["alice", "alice-3", "alice-2", "bob"]);
  });
});

describe("finding submissions", () => {
  it("takes one submission per student folder, and one per student archive", async () => {
    const source = scratchDir();
    mkdirSync(join(source, "Zoé Martin"));
    writeFileSync(join(source, "Zoé Martin", "Dockerfile"), DOCKERFILE);
    writeFileSync(join(source, "bob.tar.gz"), await tgzBytes([{ name: "Dockerfile", content: DOCKERFILE }]));
    writeFileSync(join(source, "Alice.zip"), await zipBytes([{ name: "Dockerfile", content: DOCKERFILE }]));
    writeFileSync(join(source, "alice.tgz"), await tgzBytes([{ name: "Dockerfile", content: DOCKERFILE }]));
    writeFileSync(join(source, "roster.csv"), "student,email\n");
    mkdirSync(join(source, "__MACOSX"));
    const found = await findSubmissions(source, scratchDir());
    expect(found).toEqual([
      { student: "alice", archive: join(source, "Alice.zip") },
      { student: "alice-2", archive: join(source, "alice.tgz") },
      { student: "bob", archive: join(source, "bob.tar.gz") },
      { student: "zoe-martin", path: join(source, "Zoé Martin") },
    ]);
  });

  it("extracts a class archive once, going down into its single wrapping folder", async () => {
    const source = scratchDir();
    const classArchive = join(source, "classe.zip");
    writeFileSync(
      classArchive,
      await zipBytes([
        { name: "classe/alice/Dockerfile", content: DOCKERFILE },
        { name: "classe/bob/Dockerfile", content: "FROM debian:12-slim\n" },
        { name: "classe/carol.tar", content: await tarBytes([{ name: "Dockerfile", content: DOCKERFILE }]) },
      ]),
    );
    const work = scratchDir();
    const found = await findSubmissions(classArchive, work);
    expect(found.map((entry) => entry.student)).toEqual(["alice", "bob", "carol"]);
    expect(found[1]).toEqual({ student: "bob", path: join(work, "class", "classe", "bob") });
    expect(readFileSync(join(work, "class", "classe", "bob", "Dockerfile"), "utf8")).toBe("FROM debian:12-slim\n");
    expect(found[2]).toEqual({ student: "carol", archive: join(work, "class", "classe", "carol.tar") });
  });

  it("refuses a hostile class archive as a whole", async () => {
    const source = scratchDir();
    const classArchive = join(source, "classe.tar");
    writeFileSync(
      classArchive,
      await tarBytes([
        { name: "alice/Dockerfile", content: DOCKERFILE },
        { name: "../escape", content: "x" },
      ]),
    );
    const error = await findSubmissions(classArchive, scratchDir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArchiveRefusedError);
    expect((error as ArchiveRefusedError).entry).toBe("../escape");
  });
});
