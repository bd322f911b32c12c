import { describe, expect, it } from "vitest";
import { FORMATS, formatsOf, reportFiles, type Command } from "../../../harness/report/registry.ts";
import { sampleResult } from "./fixtures.ts";

const COMMANDS: readonly Command[] = ["grade", "pr", "batch", "render"];

describe("the reporter registry", () => {
  it("registers every format once", () => {
    const names = FORMATS.map((format) => format.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(COMMANDS)("gives each file %s writes one format", (command) => {
    const files = formatsOf(command).map((format) => format.file);
    expect(new Set(files).size).toBe(files.length);
  });

  it("has every format written by some command", () => {
    for (const format of FORMATS) expect(format.commands.length, format.name).toBeGreaterThan(0);
  });

  it("writes with render the files grade writes", () => {
    const files = (command: Command) =>
      formatsOf(command)
        .map((format) => format.file)
        .sort();
    expect(files("render")).toStrictEqual(files("grade"));
  });

  it("writes a submission's own files under its folder and lint.sarif only when it was linted", () => {
    const entry = { student: "ana", result: sampleResult("fr"), folder: "ana" };
    const paths = (linted: boolean) =>
      reportFiles("grade", { entries: [{ ...entry, linted }], toolVersion: "0.1.0" }, "fr")
        .map((file) => file.path)
        .sort();
    expect(paths(false)).toStrictEqual(["ana/gradescope.json", "ana/report.html", "ana/result.json", "ana/summary.md", "gradebook.csv", "junit.xml"]);
    expect(paths(true)).toContain("ana/lint.sarif");
  });
});
