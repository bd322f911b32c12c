import { afterAll } from "vitest";
import { newRunId } from "../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../harness/grading/run-lease.ts";

const leases: AsyncDisposable[] = [];
afterAll(async () => {
  await Promise.all(leases.splice(0).map((lease) => lease[Symbol.asyncDispose]()));
});

/**
 * A run id for objects a test makes outside gradeSubmission, with the lease a live run holds: a
 * grader started meanwhile by another test file sweeps dead runs' objects at start-up, not these.
 */
export async function leasedRunId(): Promise<string> {
  const runId = newRunId();
  leases.push(await holdRunLease(runId));
  return runId;
}
