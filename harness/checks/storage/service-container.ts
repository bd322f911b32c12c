import type { ComposeStack } from "../../engine/clients/compose-client.ts";
import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { text } from "../../model/text.ts";
import { failed, type Verdict } from "../check.ts";
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
  let container: RunningContainer;
  try {
    container = stack.service(service);
  } catch {
    return {
      ok: false,
      verdict: failed(
        text(
          `Le conteneur du service « ${service} » s'est arrêté juste après son démarrage (\`docker compose ps -a\`, \`docker compose logs ${service}\`).`,
          `The container of service "${service}" stopped right after it started (\`docker compose ps -a\`, \`docker compose logs ${service}\`).`,
        ),
        { expected: "running", actual: "exited" },
      ),
    };
  }
  const state = await container.state();
  if (!state.running) return { ok: false, verdict: await stoppedContainerVerdict(container, state) };
  return { ok: true, container };
}
