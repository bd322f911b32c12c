import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { renderCanvasGradebook, renderGradebook, renderMoodleGradebook } from "../../../harness/report/gradebook.ts";
import { HOSTILE_STRINGS, hostileEntry, sampleClass } from "./class-fixtures.ts";

/** Reads the file as a spreadsheet import does: RFC 4180, header row first, BOM ignored. */
function rows(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][];
}

/** What a spreadsheet would evaluate: a cell that is not a number and starts like a formula. */
function looksLikeFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell));
}

describe("renderGradebook", () => {
  it("starts with student,score,max, then one column per check id, then feedback", () => {
    const csv = renderGradebook(sampleClass());
    expect(csv.startsWith("\ufeffstudent,score,max,")).toBe(true);
    const [header, alice, bob, chloe] = rows(csv);
    expect(header?.slice(0, 8)).toStrictEqual(["student", "score", "max", "dockerfile-exists", "image-builds", "image-size", "healthcheck", "non-root"]);
    expect(header?.at(-1)).toBe("feedback");
    expect(alice?.slice(0, 8)).toStrictEqual(["alice", "5", "12", "2", "3", "0", "0", "0"]);
    expect(alice?.at(-1)).toBe(
      "L’image finale est légère\u00a0: L’image finale pèse 1,1 Go. | Le conteneur devient sain\u00a0: Le moteur Docker n’a pas répondu à temps (délai de 30 s dépassé).",
    );
    expect(bob?.at(-1)).toContain("The final image is small: The final image weighs 1.1 GB.");
    // Refused: no check ran, so the check cells are empty rather than 0, and the feedback names the settings.
    expect(chloe?.slice(0, 8)).toStrictEqual(["chloé", "0", "12", "", "", "", "", ""]);
    expect(chloe?.at(-1)).toContain("compose.yaml:7 services.web.privileged: true");
  });

  it("keeps every record one row of the header's width, whatever the text holds, and runs no formula", () => {
    const parsed = rows(renderGradebook([hostileEntry()]));
    expect(parsed).toHaveLength(2);
    const [header, hostile] = parsed;
    expect(hostile).toHaveLength(header?.length ?? 0);
    for (const cell of parsed.flat()) {
      expect(looksLikeFormula(cell), cell).toBe(false);
      expect(cell).not.toMatch(/[\u0000\u001b\n]/);
    }
    expect(hostile?.[0]).toContain("\"double\" 'single'");
    // Mid-cell a formula character is inert: only the start of a cell is protected.
    expect(hostile?.at(-1)).toContain(" | =cmd|' /C calc'!A0\u00a0: =cmd|' /C calc'!A0 | ");
    expect(hostile?.at(-1)).toContain("lone surrogate  here");
    expect(hostile?.at(-1)).toContain("Élève à l’école, ça marche");
    expect(hostile?.[0]).toContain("🐳 Docker");
  });

  it("prefixes a formula-like student name with a quote", () => {
    const entries = HOSTILE_STRINGS.slice(4, 8).map((student) => ({ ...hostileEntry(), student }));
    const [, ...records] = rows(renderGradebook(entries));
    expect(records.map((cells) => cells[0])).toStrictEqual(["'=cmd|' /C calc'!A0", "'+1+cmd", "'@SUM(A1)", "'-2+3"]);
    // Numbers are numbers, never prefixed.
    expect(records[0]?.slice(1, 3)).toStrictEqual(["14", "30"]);
  });
});

describe("renderMoodleGradebook", () => {
  it("gives the identifiers Moodle maps users on, the grade item and its feedback", () => {
    const [header, alice, bob, chloe, hostile] = rows(renderMoodleGradebook(sampleClass(), { itemName: "TP 05" }));
    expect(header).toStrictEqual(["ID number", "Email address", "TP 05", "TP 05 (feedback)"]);
    expect(alice?.slice(0, 3)).toStrictEqual(["20250001", "alice@example.edu", "5"]);
    expect(bob?.slice(0, 3)).toStrictEqual(["", "bob@example.edu", "5"]);
    expect(chloe?.slice(0, 3)).toStrictEqual(["20250003", "", "0"]);
    expect(hostile?.slice(0, 2)).toStrictEqual(["'=1+1", "'@evil"]);
  });

  it("names the grade item after the exercise by default", () => {
    const [header] = rows(renderMoodleGradebook(sampleClass()));
    expect(header?.[2]).toBe("Construction multi-étapes");
  });
});

describe("renderCanvasGradebook", () => {
  it("follows the columns of Canvas's own export, with the score under the assignment", () => {
    const [header, alice, , chloe] = rows(renderCanvasGradebook(sampleClass(), { itemName: "TP 05 — Docker" }));
    expect(header).toStrictEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "TP 05 — Docker"]);
    expect(alice).toStrictEqual(["alice", "", "20250001", "alice@example.edu", "", "5"]);
    expect(chloe).toStrictEqual(["chloé", "", "20250003", "", "", "0"]);
  });
});
