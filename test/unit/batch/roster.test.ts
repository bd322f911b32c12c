import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRoster, RosterError } from "../../../harness/batch/roster.ts";
import { removeScratchDirs, scratchDir } from "./archives.ts";

afterAll(removeScratchDirs);

function rosterFile(content: string): string {
  const file = join(scratchDir(), "roster.csv");
  writeFileSync(file, content);
  return file;
}

describe("roster", () => {
  it("reads folder, id, email and name in any order, with a byte-order mark and quoted fields", async () => {
    const students = await readRoster(rosterFile('\uFEFFName,Folder,email,id\r\n"Martin, Zoé",Zoé Martin,zoe@ecole.fr,2024-017\r\nBob,bob,,\r\n'));
    expect(students).toEqual([
      { folder: "Zoé Martin", name: "Martin, Zoé", email: "zoe@ecole.fr", id: "2024-017", line: 2 },
      { folder: "bob", name: "Bob", line: 3 },
    ]);
  });

  it("reads the semicolon-separated files that spreadsheets save in French locales", async () => {
    expect(await readRoster(rosterFile("folder;id\nalice;42\n"))).toEqual([{ folder: "alice", id: "42", line: 2 }]);
  });

  it("reports every problem at once, with its line", async () => {
    const error = await readRoster(rosterFile("folder,id,group\nalice,1,A\n,2,A\nAlice,3,B\n")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).problems).toEqual([
      'unknown column(s) "group": the columns are folder, id, email, name',
      "line 3: the folder is empty",
      'line 4: "Alice" is already on line 2',
    ]);
  });

  it("needs a folder column", async () => {
    const error = (await readRoster(rosterFile("id,email\n1,a@b.c\n")).catch((caught: unknown) => caught)) as RosterError;
    expect(error.problems).toContain('no "folder" column: it names each student\'s submission folder or archive');
  });
});
