import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";
import { checkoutRoot } from "../report/github/github-job.ts";
import { reportFiles, wasLinted, type Command, type Report, type ReportEntry } from "../report/registry.ts";

/** One graded submission as grade and render report it: named after its folder, placed in the checkout when it is inside one. */
export function submissionEntry(result: GradeResult, student: string, buildsDockerfile: boolean): ReportEntry {
  const root = checkoutRoot(result.submission.path);
  return { student, result, folder: "", linted: wasLinted(result, buildsDockerfile), ...(root === undefined ? {} : { root }) };
}

/** Every format the command writes, under `outDir`; returns the path of the first submission's HTML report. */
export async function writeReports(command: Command, outDir: string, report: Report, lang: Lang): Promise<string> {
  const files = reportFiles(command, report, lang);
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    files.map(async (file) => {
      const path = join(outDir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }),
  );
  return join(outDir, report.entries[0]?.folder ?? "", "report.html");
}
