import { join } from "node:path";
import { byCodeUnits } from "../kernel/code-unit-order.ts";
import type { Lang } from "../kernel/text.ts";
import { renderClassDashboard } from "../report/class-dashboard.ts";
import type { ClassEntry } from "../report/class-entry.ts";
import { renderClassSummary } from "../report/class-summary.ts";
import { renderCanvasGradebook, renderGradebook, renderMoodleGradebook } from "../report/gradebook.ts";
import { renderJunit } from "../report/junit.ts";
import { classEntry, writeAtomically, type StudentRecord } from "./student-record.ts";

/**
 * The class's files, rendered from the students' records alone (sorted by folder), so a batch and a
 * merge of its shards write the same bytes: the dashboard, the gradebooks, JUnit and the summary.
 */
export async function writeClassOutputs(outDir: string, records: readonly StudentRecord[], lang: Lang): Promise<void> {
  const sorted = [...records].sort((a, b) => byCodeUnits(a.meta.folder, b.meta.folder));
  const folderOf = new Map<ClassEntry, string>();
  const entries = sorted.map((record) => {
    const entry = classEntry(record);
    folderOf.set(entry, record.meta.folder);
    return entry;
  });
  const files: [string, string][] = [
    ["index.html", renderClassDashboard(entries, { lang, reportHref: (entry) => `${encodeURIComponent(folderOf.get(entry) ?? "")}/report.html` })],
    ["gradebook.csv", renderGradebook(entries)],
    ["gradebook-moodle.csv", renderMoodleGradebook(entries)],
    ["gradebook-canvas.csv", renderCanvasGradebook(entries)],
    ["junit.xml", renderJunit(entries)],
    ["summary.md", renderClassSummary(entries, lang)],
  ];
  for (const [name, content] of files) await writeAtomically(join(outDir, name), content);
}
