import type { RepositorySubmission } from "../../../harness/report/findings.ts";
import { refusedResult } from "./class-fixtures.ts";
import { checkResult, gradeResult, sampleResult } from "./fixtures.ts";

export const ROOT = "exercises/05-build/01-multi-stage/starter";

/** The sample result (one check of each status) with the failed check placed on line 8 of the Dockerfile. */
export function locatedSubmission(): RepositorySubmission {
  const sample = sampleResult("en");
  const checks = sample.checks.map((check) => (check.status === "failed" ? { ...check, location: { file: "Dockerfile", line: 8 } } : check));
  return { result: { ...sample, checks }, root: ROOT, mainFile: "Dockerfile" };
}

/** A failed check that cannot say where: it lands on the main file when there is one. */
export function unlocatedSubmission(mainFile?: string): RepositorySubmission {
  const result = gradeResult({
    lang: "en",
    checks: [
      checkResult({
        id: "image-size",
        title: "The final image is small",
        status: "failed",
        earned: 0,
        points: 3,
        message: "1.1 GB",
        hint: "Use a slim runtime stage.",
      }),
    ],
  });
  return { result, root: ROOT, ...(mainFile === undefined ? {} : { mainFile }) };
}

/** Two refused settings of a Compose file, with their lines. */
export function refusedSubmission(): RepositorySubmission {
  return { result: refusedResult(), root: "exercises/02-containers/01-graceful-stop/starter", mainFile: "compose.yaml" };
}
