import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runOverride } from "../../../harness/compose/run-override.ts";
import type { ComposeProjectSpec } from "../../../harness/engine/clients/compose-project-spec.ts";
import type { ComposeStack } from "../../../harness/engine/clients/compose-client.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { runLabels } from "../../../harness/kernel/run-labels.ts";
import { newRunId } from "../../../harness/grading/grade-submission.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import type { ContainerLimits } from "../../../harness/engine/limits/container-limits.ts";
import { limitsOverride } from "../../../harness/sandbox/limits-override.ts";

export interface LimitedProject extends AsyncDisposable {
  readonly runId: string;
  readonly stack: ComposeStack;
}

/**
 * A Compose project in `dir` started as a grading run starts one: the run's labels and the limits
 * override on top of the submission's file, under a run lease so that no concurrent sweep takes it.
 * Disposing takes it down with its volumes.
 */
export async function startLimitedProject(engine: Engine, dir: string, limits: ContainerLimits): Promise<LimitedProject> {
  const runId = newRunId();
  const lease = await holdRunLease(runId);
  const base: ComposeProjectSpec = { dir, files: ["compose.yaml"], projectName: `dockgrade-${runId}`, profiles: [] };
  const resolved = await engine.compose.config(base);
  if (!resolved.ok) throw new Error(resolved.error);
  const labels = join(dir, "dockgrade.labels.yaml");
  const ceilings = join(dir, "dockgrade.limits.yaml");
  await writeFile(labels, runOverride(resolved.model, runLabels(runId, "sandbox/limits")));
  await writeFile(ceilings, limitsOverride(resolved.model, limits));
  const spec = { ...base, files: [...base.files, labels, ceilings] };
  const down = async () => {
    await engine.compose.down(spec, { removeVolumes: true });
    await lease[Symbol.asyncDispose]();
  };
  try {
    const stack = await engine.compose.up(spec, { startupTimeoutMs: 60_000 });
    return { runId, stack, [Symbol.asyncDispose]: down };
  } catch (error) {
    await down();
    throw error;
  }
}
