import type { ContainerState, RunningContainer } from "../../engine/clients/container-client.ts";
import type { Verdict } from "../../kernel/check.ts";
import { exitedVerdict } from "../container-exit.ts";

/** The app exited before a runtime check could look at it: say so, with its exit code explained and its logs. */
export async function stoppedContainerVerdict(container: RunningContainer, state: ContainerState): Promise<Verdict> {
  const logTail = await container.logs({ tail: 50 });
  return exitedVerdict({ ...state, logTail }, "before");
}
