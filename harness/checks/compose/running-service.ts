import type { RunningContainer } from "../../engine/clients/container-client.ts";
import type { ComposeSession } from "../shared-setup/compose-stack.ts";
import { text, type Text } from "../../kernel/text.ts";

export type ServiceLookup = { readonly running: true; readonly container: RunningContainer } | { readonly running: false; readonly why: Text };

/**
 * The running container of a service. A service whose container stopped (an app that exits when
 * its dependency is not ready yet) or that the active profiles did not start is the student's
 * result, not the grader's error: it comes back as data for the check to explain.
 */
export async function runningService(session: ComposeSession, name: string): Promise<ServiceLookup> {
  if (!session.stack.serviceNames.includes(name)) {
    return {
      running: false,
      why: text(
        `Le service ${name} n'a pas été créé (absent du projet ou hors des profils actifs).`,
        `Service ${name} was not created (not in the project, or outside the active profiles).`,
      ),
    };
  }
  const container = session.stack.service(name);
  if ((await container.state()).running) return { running: true, container };
  return {
    running: false,
    why: text(
      `Le service ${name} ne tourne plus : son conteneur s'est arrêté après le démarrage (\`docker compose ps -a\`, \`docker compose logs ${name}\`).`,
      `Service ${name} is not running: its container stopped after starting (\`docker compose ps -a\`, \`docker compose logs ${name}\`).`,
    ),
  };
}
