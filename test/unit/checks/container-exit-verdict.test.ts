import { describe, expect, it } from "vitest";
import type { Check } from "../../../harness/checks/check.ts";
import { runChecks } from "../../../harness/checks/check-runner.ts";
import type { CheckContext } from "../../../harness/checks/context.ts";
import { ContainerExitedError } from "../../../harness/engine/clients/container-exited-error.ts";
import { buildResult } from "../../../harness/grading/result-builder.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { text } from "../../../harness/kernel/text.ts";

const USER_HINT = text("Ajoutez USER.", "Add USER.");

function exitingCheck(exitCode: number | undefined, oomKilled = false): Check {
  return {
    id: "user-runtime",
    title: text("t", "t"),
    points: 2,
    needs: [],
    course: { chapter: "05", section: text("s", "s") },
    hint: USER_HINT,
    timeoutMs: 1_000,
    async run() {
      throw new ContainerExitedError(
        { containerId: "0123456789abcdef", status: exitCode === undefined ? "removed" : "exited", exitCode, oomKilled, logTail: "sh: /app/server: not found" },
        "exec id -u",
      );
    },
  };
}

const context = (signal: AbortSignal) => ({ signal }) as unknown as CheckContext;
const run = async (check: Check) => (await runChecks([check], context, new AbortController().signal))[0];

describe("a container that exits under a check", () => {
  it("fails the check with the exit explained and the last log lines, never as the grader's error", async () => {
    const outcome = await run(exitingCheck(127));
    expect(outcome?.status).toBe("failed");
    expect(outcome?.message.en).toContain("stopped during the check (exit code 127: the program, or a library it needs, was not found");
    expect(outcome?.message.fr).toContain("code 127 :");
    expect(outcome).toMatchObject({ expected: "running", actual: "exited 127" });
    expect(outcome?.details).toContain("sh: /app/server: not found");
  });

  it("says OOM when the engine says OOMKilled, and removed when nothing is left", async () => {
    expect((await run(exitingCheck(137, true)))?.actual).toBe("exited 137 (OOMKilled)");
    expect((await run(exitingCheck(137, true)))?.message.en).toContain("(OOM)");
    expect(await run(exitingCheck(undefined))).toMatchObject({ status: "failed", actual: "removed" });
  });

  it("shows the exit's hint instead of the check's when the code points at the fix", async () => {
    const exercise = { id: "05-build/01-multi-stage", title: text("t", "t"), chapter: "05" } as unknown as Exercise;
    const result = (runs: Awaited<ReturnType<typeof runChecks>>) =>
      buildResult({ runId: "r", lang: "en", exercise, submissionPath: ".", runs, suitePoints: 2, startedAt: new Date(), finishedAt: new Date(), timings: [] });
    const exited127 = await runChecks([exitingCheck(127)], context, new AbortController().signal);
    expect(result(exited127).checks[0]?.hint).toContain("CMD/ENTRYPOINT");
    expect(result(exited127).checks[0]?.hint).not.toContain("USER");
    const killed = await runChecks([exitingCheck(137)], context, new AbortController().signal);
    expect(result(killed).checks[0]?.hint).toBe("Add USER.");
  });
});
