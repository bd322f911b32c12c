import type { ContainerState, ExecOutcome, OneShotSpec, RunningContainer } from "../../harness/engine/clients/container-client.ts";
import type { ContainerInspection } from "../../harness/engine/clients/container-types.ts";
import type { Engine } from "../../harness/engine/engine.ts";

/**
 * An Engine that answers from canned data, for unit tests of checks that only read: a container's
 * inspect, what its commands print, what the grader's one-shot probes print. It runs nothing and
 * needs no Docker. Anything else (building, starting, Compose, volumes...) throws, saying the fake
 * engine does not do it: a test that needs it belongs with the integration tests on the real engine.
 */
export interface FakeContainer {
  readonly inspection: ContainerInspection;
  /** What `docker exec` of a command answers; a command with no answer throws. */
  readonly exec?: (command: readonly string[]) => ExecOutcome | undefined;
  /** The last log lines; empty by default. */
  readonly logs?: string;
}

export interface FakeEngineAnswers {
  /** By container id. */
  readonly containers?: Readonly<Record<string, FakeContainer>>;
  /** What a one-shot probe (`containers.runOnce`) answers; a probe with no answer throws. */
  readonly runOnce?: (spec: OneShotSpec) => ExecOutcome | undefined;
}

export class NotSupportedByFakeEngineError extends Error {
  constructor(what: string) {
    super(`${what} is not supported by the fake engine: test it against the real engine (test/integration/).`);
    this.name = "NotSupportedByFakeEngineError";
  }
}

export interface FakeEngine extends Engine {
  /** The handle a check would get from a fixture, for one of the canned containers. */
  container(id: string): RunningContainer;
}

export function fakeEngine(answers: FakeEngineAnswers = {}): FakeEngine {
  const canned = (id: string): FakeContainer => {
    const found = answers.containers?.[id];
    if (!found) throw new NotSupportedByFakeEngineError(`container ${id} (no canned answer)`);
    return found;
  };
  const container = (id: string): RunningContainer =>
    refusing<RunningContainer>(`container ${id}`, {
      id,
      inspect: async () => canned(id).inspection,
      state: async () => stateOf(canned(id).inspection),
      logs: async () => canned(id).logs ?? "",
      exec: async (command) => canned(id).exec?.(command) ?? unanswered(`exec ${JSON.stringify(command)} in ${id}`),
      [Symbol.asyncDispose]: async () => undefined,
    });
  const engine = {
    endpoint: { host: "unix:///fake-engine.sock", source: "fake engine" },
    containers: refusing<Engine["containers"]>("containers", {
      runOnce: async (spec) => answers.runOnce?.(spec) ?? unanswered(`probe ${JSON.stringify(spec.command)}`),
    }),
    images: refusing<Engine["images"]>("images", {}),
    builder: refusing<Engine["builder"]>("builder", {}),
    networks: refusing<Engine["networks"]>("networks", {}),
    volumes: refusing<Engine["volumes"]>("volumes", {}),
    compose: refusing<Engine["compose"]>("compose", {}),
    scripts: refusing<Engine["scripts"]>("scripts", {}),
    container,
  };
  return refusing<FakeEngine>("engine", engine);
}

/** `what` with the members given; any other member is a function that throws NotSupportedByFakeEngineError. */
function refusing<T extends object>(what: string, members: Partial<T>): T {
  return new Proxy(members, {
    get(target, key, receiver) {
      if (key in target) return Reflect.get(target, key, receiver);
      // Not a thenable: `await fakeEngine()` must not take the fake for a promise.
      if (key === "then" || typeof key === "symbol") return undefined;
      return () => {
        throw new NotSupportedByFakeEngineError(`${what}.${key}`);
      };
    },
  }) as T;
}

function unanswered(what: string): never {
  throw new NotSupportedByFakeEngineError(`${what} (no canned answer)`);
}

function stateOf(inspection: ContainerInspection): ContainerState {
  const { State } = inspection;
  return {
    running: State.Running,
    exitCode: State.ExitCode,
    oomKilled: State.OOMKilled,
    health: {
      status: (State.Health?.Status as ContainerState["health"]["status"] | undefined) ?? "none",
      log: (State.Health?.Log ?? []).map((probe) => ({ exitCode: probe.ExitCode, output: probe.Output })),
    },
  };
}

/** A running container's inspect with nothing set, for a test to fill in what its check reads. */
export function runningInspection(
  id: string,
  overrides: { HostConfig?: ContainerInspection["HostConfig"]; Labels?: Record<string, string> } = {},
): ContainerInspection {
  return {
    Id: id,
    Created: "2025-01-01T00:00:00Z",
    Path: "/app",
    Args: [],
    RestartCount: 0,
    LogPath: "",
    State: { Status: "running", Running: true, Restarting: false, OOMKilled: false, Pid: 4242, ExitCode: 0, StartedAt: "2025-01-01T00:00:01Z" },
    Config: { Env: [], Labels: overrides.Labels ?? {} },
    HostConfig: overrides.HostConfig ?? {},
    Mounts: [],
    NetworkSettings: {},
  };
}
