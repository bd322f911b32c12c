import pLimit from "p-limit";
import type { EngineInfo } from "../engine/engine.ts";
import type { ClassMember } from "./class-list.ts";
import type { ProgressSink } from "./batch-progress.ts";
import { GRADER_ERROR, gradeMember, type MemberGrading } from "./grade-member.ts";
import { readStudentRecord, writeStudentRecord, type StudentRecord } from "./student-record.ts";

export interface BatchRun extends MemberGrading {
  readonly members: readonly ClassMember[];
  readonly concurrency: number;
  /** Keep the records already complete in `outDir` instead of grading those students again. */
  readonly resume: boolean;
  readonly progress: (toGrade: number) => ProgressSink;
}

export interface BatchOutcome {
  /** Every member's record that is complete, resumed or new, in the members' order. */
  readonly records: readonly StudentRecord[];
  readonly graded: number;
  readonly resumed: number;
  /** Cancelled (Ctrl-C, SIGTERM): the students not done have no record; `--resume` grades them. */
  readonly interrupted: boolean;
}

const GIB = 1024 ** 3;

/**
 * As many submissions at once as the engine has CPUs, and no more than its memory holds at 2 GiB
 * each (the ceiling of one build; a running stack is held to 1 GiB per container). Builds still take
 * the machine's build lock one at a time; concurrency overlaps them with the checks of others.
 */
export function defaultConcurrency(info: Pick<EngineInfo, "cpus" | "memoryBytes">): number {
  return Math.max(1, Math.min(info.cpus, Math.floor(info.memoryBytes / (2 * GIB))));
}

/**
 * Grades the members `concurrency` at a time; each record is written as soon as it is complete, so a
 * crash loses only the submissions in flight. A student who failed on the grader's own error is
 * graded again on `--resume`; a cancelled run writes nothing for the students it cut short.
 */
export async function runBatch(run: BatchRun): Promise<BatchOutcome> {
  const records = new Map<string, StudentRecord>();
  const toGrade: ClassMember[] = [];
  for (const member of run.members) {
    const done = run.resume ? await readStudentRecord(run.outDir, member.folder, run.exercise.id) : undefined;
    if (done !== undefined && done.result.failure?.code !== GRADER_ERROR) records.set(member.folder, done);
    else toGrade.push(member);
  }
  const resumed = records.size;
  const progress = run.progress(toGrade.length);
  const limit = pLimit(run.concurrency);
  try {
    await Promise.all(
      toGrade.map((member) =>
        limit(async () => {
          if (run.signal.aborted) return;
          const record = await gradeMember(member, run).catch((error: unknown) => {
            if (run.signal.aborted) return undefined;
            throw error;
          });
          // A run cut short by the cancel is not the student's result.
          if (record === undefined || run.signal.aborted) return;
          await writeStudentRecord(run.outDir, record);
          records.set(member.folder, record);
          progress.done(member.folder, outcome(record));
        }),
      ),
    );
  } finally {
    progress.stop();
  }
  const ordered = run.members.flatMap((member) => records.get(member.folder) ?? []);
  return { records: ordered, graded: records.size - resumed, resumed, interrupted: run.signal.aborted };
}

function outcome({ result }: StudentRecord): string {
  if (result.failure !== undefined) return `${result.failure.code} (0/${result.maxScore})`;
  return `${result.score}/${result.maxScore} in ${(result.durationMs / 1000).toFixed(1)} s`;
}
