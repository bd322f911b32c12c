import type { ContainerState, RunningContainer } from "../../engine/clients/container-client.ts";
import { text } from "../../kernel/text.ts";
import { failed, type Verdict } from "../../kernel/check.ts";

/** The app exited before a runtime check could look at it: say so, with its exit code and logs. */
export async function stoppedContainerVerdict(container: RunningContainer, state: ContainerState): Promise<Verdict> {
  const logs = await container.logs({ tail: 50 });
  const oom = state.oomKilled;
  return failed(
    text(
      `Le conteneur s'est arrêté (code ${state.exitCode}${oom ? ", tué par le noyau faute de mémoire sous sa limite : OOM" : ""}) au lieu de rester en marche.`,
      `The container stopped (exit code ${state.exitCode}${oom ? ", killed by the kernel for running out of memory under its limit: OOM" : ""}) instead of staying up.`,
    ),
    { expected: "running", actual: `exited ${state.exitCode}`, details: logs },
  );
}
