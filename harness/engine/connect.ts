import Docker from "dockerode";
import { DockerEngine } from "./docker-engine.ts";
import { dockerodeOptions } from "./dockerode-options.ts";
import { discoverEndpoints, type EndpointCandidate } from "./endpoint-discovery.ts";
import { classifyConnectionError, EngineUnavailableError } from "./engine-errors.ts";
import type { Engine } from "./engine.ts";

const PING_TIMEOUT_MS = 5_000;

/**
 * Finds the engine, checks that it answers, and pins it in DOCKER_HOST so that testcontainers and
 * the docker CLI (buildx, compose) that the grader spawns all talk to this same engine. Ryuk, the
 * testcontainers reaper, cannot be pulled offline; the grader owns clean-up through its labels.
 */
export async function connect(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const candidates = discoverEndpoints(env);
  let firstFailure: EngineUnavailableError | undefined;
  for (const candidate of candidates) {
    const docker = new Docker({ ...dockerodeOptions(candidate.host, env), timeout: PING_TIMEOUT_MS });
    try {
      await docker.ping();
    } catch (error) {
      firstFailure ??= new EngineUnavailableError(classifyConnectionError(error), candidate, String(error));
      continue;
    }
    pinEndpoint(candidate, env);
    return new DockerEngine(candidate, new Docker(dockerodeOptions(candidate.host, env)));
  }
  throw firstFailure ?? new EngineUnavailableError("no-socket", candidates[0] as EndpointCandidate, "no candidate");
}

function pinEndpoint(candidate: EndpointCandidate, env: NodeJS.ProcessEnv): void {
  env["DOCKER_HOST"] = candidate.host;
  env["TESTCONTAINERS_RYUK_DISABLED"] = "true";
  // The docker CLI refuses DOCKER_HOST and DOCKER_CONTEXT together; the host is now the choice.
  delete env["DOCKER_CONTEXT"];
}
