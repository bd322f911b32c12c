import type { EndpointCandidate } from "./endpoint-discovery.ts";

export type EngineUnavailableCause = "no-socket" | "permission-denied" | "daemon-stopped" | "no-answer";

/**
 * No engine answered. The CLI turns it into exit code 3 and one short paragraph: the cause and the
 * fix, never a stack trace.
 */
export class EngineUnavailableError extends Error {
  constructor(
    readonly reason: EngineUnavailableCause,
    readonly endpoint: EndpointCandidate,
    readonly detail: string,
  ) {
    super(`${describeCause(reason, endpoint)} ${fixFor(reason)}`);
    this.name = "EngineUnavailableError";
  }
}

export function classifyConnectionError(error: unknown): EngineUnavailableCause {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === "ENOENT") return "no-socket";
  if (code === "EACCES" || code === "EPERM") return "permission-denied";
  if (code === "ECONNREFUSED") return "daemon-stopped";
  return "no-answer";
}

function describeCause(cause: EngineUnavailableCause, endpoint: EndpointCandidate): string {
  const where = `${endpoint.host} (from ${endpoint.source})`;
  switch (cause) {
    case "no-socket":
      return `No Docker engine: nothing listens at ${where}.`;
    case "permission-denied":
      return `The Docker engine at ${where} refused this user: permission denied on its socket.`;
    case "daemon-stopped":
      return `The Docker daemon at ${where} is not running (connection refused).`;
    case "no-answer":
      return `The Docker engine at ${where} did not answer.`;
  }
}

function fixFor(cause: EngineUnavailableCause): string {
  switch (cause) {
    case "no-socket":
    case "daemon-stopped":
      return "Start Docker Desktop, or on Linux `sudo systemctl start docker` (on a machine without systemd: `sudo bash ci/engine.sh`), then run the grader again. If your engine listens elsewhere, set DOCKER_HOST or select it with `docker context use`.";
    case "permission-denied":
      return "Add yourself to the docker group (`sudo usermod -aG docker $USER`, then log out and back in), or use rootless Docker; then run the grader again.";
    case "no-answer":
      return "Check that `docker info` works in this terminal; if it hangs too, restart Docker Desktop or the docker service.";
  }
}
