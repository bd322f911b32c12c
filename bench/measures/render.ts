import { performance } from "node:perf_hooks";
import { renderClassDashboard } from "../../harness/report/class-dashboard.ts";
import type { ClassEntry } from "../../harness/report/class-entry.ts";
import { renderGradebook } from "../../harness/report/gradebook.ts";
import { renderHtml } from "../../harness/report/html.ts";
import type { CheckResult, GradeResult } from "../../harness/kernel/result.ts";
import { checkResult, gradeResult } from "../../test/unit/report/fixtures.ts";
import { measure, type Benchmark } from "../measure.ts";

const STUDENTS = 500;

/** A result shaped like a real chapter-05 grading: 15 checks, hints on the failed ones, a 60-line build log. */
function realisticResult(student: number): GradeResult {
  const buildLog = Array.from(
    { length: 60 },
    (_, line) => `#${line} [build ${line}/60] RUN apt-get install -y --no-install-recommends gcc libc6-dev # step ${line}`,
  ).join("\n");
  const checks: CheckResult[] = Array.from({ length: 15 }, (_, index) => {
    const failed = (student + index) % 4 === 0;
    return checkResult({
      id: `check-${index}`,
      title: `Vérification ${index} : l’image respecte la règle ${index} du chapitre 05`,
      status: failed ? "failed" : "passed",
      points: 2,
      earned: failed ? 0 : 2,
      message: failed ? `Constaté : la règle ${index} n’est pas respectée (valeur ${student * index}).` : "Conforme.",
      hint: failed ? "Relisez la section du cours sur les constructions multi-étapes : copiez seulement l’exécutable dans l’étape finale." : "",
      ...(index === 0 ? { details: buildLog } : {}),
      durationMs: 100 + index,
    });
  });
  return gradeResult({ checks, runId: `run-${student}` });
}

export function syntheticClass(count: number): ClassEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    student: `etudiant-${String(index).padStart(4, "0")}`,
    id: `2026${index}`,
    result: realisticResult(index),
  }));
}

/** Issue 7, figure 4: the class files for 500 results, and one student's page. */
export const renderBenchmark: Benchmark = {
  name: "render",
  description: "dashboard and gradebook for 500 synthetic results; one student's HTML report",
  async run(log) {
    const entries = syntheticClass(STUDENTS);
    // Warm the template compilers, as a batch would have by its second student.
    renderClassDashboard(entries.slice(0, 2), { lang: "fr", reportHref: () => "x/report.html" });
    renderHtml(entries[0]!.result);
    const started = performance.now();
    const dashboard = renderClassDashboard(entries, { lang: "fr", reportHref: (entry) => `${entry.student}/report.html` });
    const gradebook = renderGradebook(entries);
    const renderMs = performance.now() - started;
    const page = renderHtml(entries[0]!.result);
    const external = /\s(src|href)="(?!#|[a-z0-9-]+\/report\.html")/i.test(page) || /url\(|@import|<script/i.test(page);
    log(
      `dashboard ${(dashboard.length / 1024).toFixed(0)} KB, gradebook ${(gradebook.length / 1024).toFixed(0)} KB, one report ${(page.length / 1024).toFixed(0)} KB`,
    );
    return [
      measure("render: dashboard + gradebook, 500 results", renderMs, "ms", { op: "<", bound: 1000 }),
      measure("render: one student's HTML report", Buffer.byteLength(page) / 1024, "KB", { op: "<", bound: 300 }),
      measure("render: external assets in a student's report", external ? 1 : 0, "count", { op: "<=", bound: 0 }),
    ];
  },
};
