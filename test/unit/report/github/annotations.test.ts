import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, renderAnnotations } from "../../../../harness/report/github/annotations.ts";
import { guardLog, newStopToken } from "../../../../harness/report/github/stop-commands.ts";
import { checkResult, gradeResult } from "../fixtures.ts";
import { locatedSubmission, refusedSubmission, ROOT, unlocatedSubmission } from "../ci-fixtures.ts";

/** What the runner reads as a workflow command: a line that starts, after trimming, with `::`. */
function commands(log: string): string[] {
  return log.split("\n").filter((line) => line.trim().startsWith("::"));
}

/** The runner's unescaping (actions/runner ActionCommand.cs), to prove a round trip. */
function runnerUnescape(value: string): string {
  return value.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

const HOSTILE = "ok\n::set-output name=passed::true\r\n%0A::error::forged, title=x: y %25";

describe("renderAnnotations", () => {
  it("puts an error on the failed check's file and line, a warning for the grader's error, nothing for passed or skipped", () => {
    const lines = renderAnnotations([locatedSubmission()])
      .split("\n")
      .filter((line) => line !== "");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `::error file=${ROOT}/Dockerfile,line=8,title=05-multistage%3A The final image is small (0/3)::The final image weighs 1.1 GB.` +
        "%0AExpected: under 200 MB%0AActual: 1.1 GB (full node:20)%0AHint: Build in a first stage, then copy only /app into a node:20-slim image with COPY --from=build.%0ACourse section: 05 — Multi-stage",
    );
    expect(lines[1]).toMatch(/^::warning title=05-multistage%3A The container becomes healthy \(0\/2\)::The Docker Engine did not answer/);
  });

  it("puts a check without a line on the main file, and with no file when there is none", () => {
    expect(renderAnnotations([unlocatedSubmission("Dockerfile")])).toMatch(new RegExp(`^::error file=${ROOT.replace(/\//g, "\\/")}\\/Dockerfile,title=`));
    expect(renderAnnotations([unlocatedSubmission()])).toMatch(/^::error title=/);
  });

  it("annotates each refused setting at its line", () => {
    const lines = commands(renderAnnotations([refusedSubmission()]));
    expect(lines.map((line) => /file=([^,]+),line=(\d+)/.exec(line)?.slice(1))).toStrictEqual([
      ["exercises/02-containers/01-graceful-stop/starter/compose.yaml", "7"],
      ["exercises/02-containers/01-graceful-stop/starter/compose.yaml", "12"],
    ]);
  });

  it("keeps hostile text inside one command: no second command, no property of its own", () => {
    const check = checkResult({
      id: "x",
      title: HOSTILE,
      status: "failed",
      earned: 0,
      message: HOSTILE,
      hint: HOSTILE,
      location: { file: "a,b:c.txt", line: 1 },
    });
    const log = renderAnnotations([{ result: gradeResult({ checks: [check] }), root: ROOT }]);
    expect(log.split("\n").filter((line) => line !== "")).toHaveLength(1);
    expect(commands(log)).toHaveLength(1);
    const [, properties = "", message = ""] = /^::error ([^:]*)::(.*)$/.exec(log.trim()) ?? [];
    expect(properties.split(",").map((property) => property.split("=")[0])).toStrictEqual(["file", "line", "title"]);
    expect(runnerUnescape(properties.split(",")[0]?.slice("file=".length) ?? "")).toBe(`${ROOT}/a,b:c.txt`);
    expect(runnerUnescape(message)).toContain("::set-output name=passed::true");
  });
});

describe("escaping", () => {
  it("round-trips data and properties through the runner's unescaping", () => {
    for (const value of [HOSTILE, "100% sure", "%0A literal", "a:b,c"]) {
      expect(runnerUnescape(escapeData(value))).toBe(value);
      expect(escapeData(value)).not.toMatch(/[\r\n]/);
      expect(runnerUnescape(escapeProperty(value))).toBe(value);
      expect(escapeProperty(value)).not.toMatch(/[\r\n:,]/);
    }
  });
});

describe("guardLog", () => {
  it("wraps submission output so no line of it is read as a command, and ends with the token", () => {
    const token = newStopToken();
    const guarded = guardLog(`build output\n::set-output name=passed::true\n  ::add-mask::x\n##[error]old style`, token);
    const lines = guarded.trimEnd().split("\n");
    expect(lines[0]).toBe(`::stop-commands::${token}`);
    expect(lines.at(-1)).toBe(`::${token}::`);
    // The runner reads commands only outside the block: the first and last line.
    expect(commands(guarded)).toStrictEqual([lines[0], ...commands(lines.slice(1, -1).join("\n")), lines.at(-1)]);
  });

  it("uses a fresh token each time, and refuses output that already holds it", () => {
    const token = newStopToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(newStopToken()).not.toBe(token);
    expect(() => guardLog(`forged ::${token}:: end`, token)).toThrow();
  });
});
