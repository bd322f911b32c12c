import { join } from "node:path";
import { TOOL_VERSION } from "../grading/tool-version.ts";
import { byCodeUnits } from "../kernel/code-unit-order.ts";
import type { Lang } from "../kernel/text.ts";
import { runFiles, summaryOf, type Report } from "../report/registry.ts";
import { reportEntry, writeAtomically, type StudentRecord } from "./student-record.ts";

/**
 * The class's files, rendered from the students' records alone (sorted by folder), so a batch and a
 * merge of its shards write the same bytes: the dashboard, the gradebooks, JUnit and the summary.
 */
export async function writeClassOutputs(outDir: string, records: readonly StudentRecord[], lang: Lang): Promise<void> {
  for (const file of runFiles("batch", classReport(records), lang)) await writeAtomically(join(outDir, file.path), file.content);
}

/** The class summary, as CI shows it on the job's page. */
export function classSummary(records: readonly StudentRecord[], lang: Lang): string {
  return summaryOf("batch", classReport(records), lang);
}

function classReport(records: readonly StudentRecord[]): Report {
  const sorted = [...records].sort((a, b) => byCodeUnits(a.meta.folder, b.meta.folder));
  return { entries: sorted.map(reportEntry), toolVersion: TOOL_VERSION };
}
