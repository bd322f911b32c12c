import type { ComposeStack } from "../../engine/clients/compose-client.ts";
import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { text } from "../../kernel/text.ts";
import { failed, type Verdict } from "../../kernel/check.ts";
import { stoppedContainerVerdict } from "../image/container-verdicts.ts";

export type ServiceLookup = { readonly ok: true; readonly container: RunningContainer } | { readonly ok: false; readonly verdict: Verdict };

/**
 * The running container of a service, or the verdict that explains why there is none: a service
 * that exited (an app that cannot write its data) is the student's result, not the grader's error.
 */
export async function runningService(stack: ComposeStack, service: string): Promise<ServiceLookup> {
  if (!stack.serviceNames.includes(service)) {
    return {
      ok: false,
      verdict: failed(text(`Le projet n'a pas de service « ${service} ».`, `The project has no service "${service}".`), {
        expected: service,
        actual: stack.serviceNames.join(", ") || "(none)",
      }),
    };
  }
  // A container that already exited is found too: its exit code and logs explain the failure.
  const container = stack.service(service);
  const state = await container.state();
  if (!state.running) return { ok: false, verdict: await stoppedContainerVerdict(container, state) };
  return { ok: true, container };
}
