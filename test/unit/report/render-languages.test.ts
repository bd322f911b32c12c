import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CheckRun } from "../../../harness/checks/check-runner.ts";
import type { Check } from "../../../harness/checks/check.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { buildResult } from "../../../harness/grading/result-builder.ts";
import { RunFindings } from "../../../harness/kernel/findings.ts";
import { text, type Lang } from "../../../harness/kernel/text.ts";
import { renderJson } from "../../../harness/report/json.ts";
import { parseResult } from "../../../harness/report/read-result.ts";
import { reportFiles, type Report } from "../../../harness/report/registry.ts";
import { resultIn } from "../../../harness/report/result-in-language.ts";
import { renderTerminal } from "../../../harness/report/terminal.ts";

const check: Check = {
  id: "final-image-small",
  title: text("L’image finale est légère", "The final image is small"),
  points: 3,
  needs: [],
  course: { chapter: "05", section: text("Construction multi-étapes", "Multi-stage builds") },
  hint: text("Copiez seulement /app dans une image légère.", "Copy only /app into a slim image."),
  timeoutMs: 1000,
  run: () => Promise.reject(new Error("not run")),
};

/** A result as a French run builds it: failed check, lint finding, everything said in both languages. */
function savedResult() {
  const run: CheckRun = {
    check,
    status: "failed",
    message: text("L’image pèse 1,1 Go.", "The image weighs 1.1 GB."),
    credit: 0,
    startedAt: new Date("2025-06-03T12:05:00Z"),
    durationMs: 5,
  };
  const noticed = new RunFindings();
  noticed.add({
    kind: "lint",
    rule: "DG3002",
    severity: "warning",
    message: text("Le tag latest change sans prévenir.", "The latest tag moves without warning."),
    file: "Dockerfile",
    line: 1,
    course: { chapter: "05", section: text("Le Dockerfile", "The Dockerfile") },
  });
  const exercise = { id: "05-build/01-multi-stage", title: text("Une image multi-étapes", "A multi-stage image"), chapter: "05" } as unknown as Exercise;
  const result = buildResult({
    runId: "run-1",
    lang: "fr",
    exercise,
    submissionPath: "/work/ana",
    runs: [run],
    suitePoints: 3,
    ...noticed.localized("fr"),
    failure: undefined,
    startedAt: new Date("2025-06-03T12:05:00Z"),
    finishedAt: new Date("2025-06-03T12:05:10Z"),
    timings: [],
  });
  // As a file: what render reads back.
  return parseResult(renderJson(result), "result.json");
}

const report = (): Report => ({ entries: [{ student: "ana", result: savedResult(), folder: "", linted: true }], toolVersion: "0.1.0" });
const rendered = (lang: Lang) => reportFiles("render", report(), lang);

describe("a saved 1.4 result", () => {
  it("keeps its sentences in both languages", () => {
    const result = savedResult();
    expect(result.schemaVersion).toBe("1.4");
    expect(result.checks[0]?.texts?.en.title).toBe("The final image is small");
    expect(result.findings?.[0]?.texts?.en.course).toBe("05 — The Dockerfile");
  });

  it.each<[Lang, string[], string[]]>([
    ["fr", ["L’image finale est légère", "L’image pèse 1,1 Go.", "Copiez seulement /app"], ["The final image is small", "Copy only /app"]],
    ["en", ["The final image is small", "The image weighs 1.1 GB.", "Copy only /app"], ["L’image finale est légère", "Copiez seulement"]],
  ])("renders every format in %s", (lang, present, absent) => {
    const [title, ,] = present;
    const [otherTitle] = absent;
    for (const file of rendered(lang)) {
      // lint.sarif names lint rules, not checks; result.json keeps both languages under texts.
      if (file.path === "lint.sarif") continue;
      expect(file.content, `${file.path} in ${lang}`).toContain(title);
      if (file.path !== "result.json") expect(file.content, `${file.path} in ${lang}`).not.toContain(otherTitle);
    }
    const terminal = renderTerminal(resultIn(savedResult(), lang), { color: false });
    for (const words of present) expect(terminal).toContain(words);
    for (const words of absent) expect(terminal).not.toContain(words);
  });

  it("writes the HTML report in the language asked, and the same bytes as the run's own in its language", () => {
    const html = (lang: Lang) => rendered(lang).find((file) => file.path === "report.html")?.content ?? "";
    expect(html("en")).toContain('<html lang="en">');
    expect(html("en")).toContain("The latest tag moves without warning.");
    expect(html("fr")).toContain("Le tag latest change sans prévenir.");
    expect(rendered("fr").find((file) => file.path === "result.json")?.content).toBe(renderJson(savedResult()));
  });
});

describe("a saved 1.3 result", () => {
  const saved = readFileSync(new URL("saved/result-1.3.json", import.meta.url), "utf8");

  it("is upgraded: schema 1.4, its one language kept as lang, its sentences in both", () => {
    const result = parseResult(saved, "result-1.3.json");
    expect(result.schemaVersion).toBe("1.4");
    expect(result.lang).toBe("fr");
    expect(result.checks[0]?.texts?.en.title).toBe("Le Dockerfile existe");
  });

  it.each<Lang>(["fr", "en"])("renders every format in %s", (lang) => {
    const result = parseResult(saved, "result-1.3.json");
    const files = reportFiles("render", { entries: [{ student: "tp05", result, folder: "", linted: true }], toolVersion: "0.1.0" }, lang);
    expect(files.map((file) => file.path).sort()).toStrictEqual([
      "gradebook.csv",
      "gradescope.json",
      "junit.xml",
      "lint.sarif",
      "report.html",
      "result.json",
      "summary.md",
    ]);
    const html = files.find((file) => file.path === "report.html")?.content ?? "";
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain("Le Dockerfile existe");
    expect(html).toContain(lang === "en" ? "Grading report" : "Rapport de correction");
  });
});
