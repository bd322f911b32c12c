import { Writable, type Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { BoundedOutput } from "../limits/bounded-output.ts";
import { ALL_IMPOSED, DEFAULT_CONTAINER_LIMITS, limitedHostConfig } from "../limits/container-limits.ts";
import { LimitedContainer } from "../limits/limited-container.ts";
import type { Labels } from "../../kernel/run-labels.ts";
import { ignoreNotFound, labelFilter, retryTransient } from "./api-helpers.ts";
import { ContainerExitedError, mayBeContainerDown, type ContainerExit } from "./container-exited-error.ts";
import type { ContainerInspection } from "./container-types.ts";
import { watchContainer, type ContainerWatch } from "./container-watch.ts";
import { NoConnectionWait } from "./no-connection-wait.ts";

export interface ContainerSpec {
  readonly image: string;
  readonly name: string;
  readonly labels: Labels;
  readonly network?: string;
  readonly command?: readonly string[];
  readonly user?: string;
}

export interface ExecOutcome {
  readonly exitCode: number;
  readonly output: string;
}

export interface HealthState {
  readonly status: "starting" | "healthy" | "unhealthy" | "none";
  /** The last probes' output, oldest first, as the engine kept it. */
  readonly log: readonly { exitCode: number; output: string }[];
}

export interface ContainerState {
  readonly running: boolean;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** Why the main process could not start at all (`State.Error`: runc's `exec: "/app": no such file or directory`), when it could not. */
  readonly startError?: string;
  readonly health: HealthState;
}

/** What a container wrote to its own writable layer, and the volumes it writes to besides. */
export interface ContainerDiskUsage {
  readonly id: string;
  readonly name: string;
  readonly running: boolean;
  /** The engine's SizeRw: bytes in the container's writable layer. */
  readonly writableBytes: number;
  readonly volumes: readonly string[];
}

/**
 * A started container. Disposing it removes it, whatever state it reached. Outputs are capped
 * (harness/engine/limits/bounded-output.ts) and say where they were cut. An exec or a signal on a
 * container that is no longer running, and any read of one that is gone, throws one
 * ContainerExitedError with its exit code, OOM flag and last log lines; so does an exec the
 * container's exit cut short.
 */
export interface RunningContainer extends AsyncDisposable {
  readonly id: string;
  /** The output's first MiB. */
  exec(command: readonly string[], options?: { user?: string }): Promise<ExecOutcome>;
  state(): Promise<ContainerState>;
  /** Wakes waits on this container when the engine reports a health change, start or exit; until disposed or `signal` aborts. */
  watch(signal: AbortSignal): Promise<ContainerWatch>;
  /** The last `tail` lines (200 by default), at most `maxBytes` of them (1 MiB by default). */
  logs(options?: { tail?: number; maxBytes?: number }): Promise<string>;
  /** The engine's view (HostConfig limits, mounts, networks, restart count…), as far as the checks read it. */
  inspect(): Promise<ContainerInspection>;
  /** `docker stop -t`: SIGTERM (or the image's STOPSIGNAL), then SIGKILL after the timeout. */
  stop(timeoutSeconds: number): Promise<void>;
  /** `docker kill -s`: a signal to the main process. */
  kill(signal?: string): Promise<void>;
}

/** A short-lived container the grader brings itself (a network probe), run to completion. */
export interface OneShotSpec {
  readonly image: string;
  readonly command: readonly string[];
  readonly labels: Labels;
  /** e.g. `container:<id>` to share a service's network namespace, or a network name. */
  readonly networkMode: string;
  /**
   * `container:<id>` to read a container's /proc with the grader's own tools, or `host` to signal
   * its main process from outside its PID namespace: the only way SIGKILL or SIGSTOP reaches a
   * container's PID 1 without `docker kill`, which also cancels the restart policy.
   */
  readonly pidMode?: string;
  /** Capabilities the probe itself needs, e.g. NET_ADMIN to take an interface of a namespace it joined down. */
  readonly capAdd?: readonly string[];
  readonly timeoutMs: number;
  /** Volumes or host folders the probe reads or writes (a volume's content, hashed by the grader). */
  readonly mounts?: readonly OneShotMount[];
}

export interface OneShotMount {
  readonly type: "volume" | "bind";
  /** A volume name, or an absolute host path for a bind. */
  readonly source: string;
  readonly target: string;
  readonly readOnly?: boolean;
}

export interface ContainerClient {
  /**
   * A container whose main process could not even start (a CMD that is not there: exit code 127)
   * is still returned, not running, so that its checks read its exit code and the engine's error.
   */
  start(spec: ContainerSpec): Promise<RunningContainer>;
  /**
   * Runs to completion (killed past its time limit, exit code 137), then removed. The output's
   * first MiB. A probe that joins `container:<id>` (network or PID namespace) of a container no
   * longer running throws ContainerExitedError for that container.
   */
  runOnce(spec: OneShotSpec): Promise<ExecOutcome>;
  listByLabel(label: string, value?: string): Promise<readonly { id: string; name: string; labels: Labels }[]>;
  /**
   * Containers (any state) that mount one of these volumes, or a host folder inside one of these
   * paths: what a script the grader ran left behind, found by what it used rather than by a label.
   */
  listMounting(sources: readonly string[]): Promise<readonly { id: string; name: string }[]>;
  /**
   * The labelled containers with what each wrote. The engine walks every writable layer to answer:
   * about 10 ms a container on the CI machine, more for one that wrote many files.
   */
  diskUsage(label: string, value?: string): Promise<readonly ContainerDiskUsage[]>;
  /** SIGKILL; a container already stopped or gone is not an error. */
  kill(id: string): Promise<void>;
  /** Force-removes the container and its anonymous volumes; an absent one is not an error. */
  remove(id: string): Promise<void>;
}

/**
 * Containers are started through testcontainers (its start-up and exec plumbing), and read through
 * dockerode. Auto-removal is off so that a container that exits early still shows its exit code
 * and logs to the checks; removal happens on dispose. Every container lives under the run's
 * ceilings (harness/engine/limits/container-limits.ts): the grader's own, and the student's image it starts.
 */
export class DockerContainerClient implements ContainerClient {
  constructor(private readonly docker: Docker) {}

  async start(spec: ContainerSpec): Promise<RunningContainer> {
    let container = new LimitedContainer(spec.image)
      .withLimits(DEFAULT_CONTAINER_LIMITS)
      .withName(spec.name)
      .withLabels({ ...spec.labels, ...ALL_IMPOSED })
      .withAutoRemove(false)
      .withWaitStrategy(new NoConnectionWait());
    if (spec.network) container = container.withNetworkMode(spec.network);
    if (spec.command) container = container.withCommand([...spec.command]);
    if (spec.user) container = container.withUser(spec.user);
    try {
      const started = await retryTransient(
        () => container.start(),
        () => this.removeByName(spec.name),
      );
      return new DockerRunningContainer(started.getId(), this.docker, this);
    } catch (error) {
      const unstartable = await this.unstartableByName(spec.name);
      if (unstartable) return new DockerRunningContainer(unstartable, this.docker, this);
      // testcontainers leaves a container that failed to start; the name finds it.
      await this.removeByName(spec.name);
      throw error;
    }
  }

  /**
   * The container that was created but whose own command the runtime could not start (runc's exec
   * failed: the engine sets an exit code and `State.Error`). That is the image's doing; any other
   * failure to start (no such image, engine trouble) is not, and is thrown.
   */
  private async unstartableByName(name: string): Promise<string | undefined> {
    const [found] = await this.docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } });
    if (!found) return undefined;
    const { State } = await this.docker.getContainer(found.Id).inspect();
    const error = (State as { Error?: string }).Error ?? "";
    return !State.Running && State.ExitCode !== 0 && /unable to start container process|exec format error/.test(error) ? found.Id : undefined;
  }

  async runOnce(spec: OneShotSpec): Promise<ExecOutcome> {
    const container = await this.docker.createContainer({
      Image: spec.image,
      Cmd: [...spec.command],
      Labels: { ...spec.labels },
      StopTimeout: DEFAULT_CONTAINER_LIMITS.stopTimeoutSeconds,
      HostConfig: {
        ...limitedHostConfig(DEFAULT_CONTAINER_LIMITS),
        // Its output is read attached, not from logs. Logging each line costs the engine dearly
        // (measured: 25 million short lines, 50 s with json-file, under 2 s with none).
        LogConfig: { Type: "none", Config: {} },
        NetworkMode: spec.networkMode,
        AutoRemove: false,
        ...(spec.pidMode ? { PidMode: spec.pidMode } : {}),
        ...(spec.capAdd ? { CapAdd: [...spec.capAdd] } : {}),
        ...(spec.mounts
          ? { Mounts: spec.mounts.map((mount) => ({ Type: mount.type, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly ?? false })) }
          : {}),
      },
    });
    try {
      // Attached before it starts, the output is read as it comes: the engine's log file rotates at
      // the log ceiling and would lose the beginning of a long answer.
      const attached = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable;
      const output = new BoundedOutput("head");
      const drained = drainDemultiplexed(this.docker, attached, output).catch(() => undefined);
      try {
        await retryTransient(() => container.start()).catch((error: unknown) => this.joinedContainerDown(spec, error));
        const killer = setTimeout(() => void container.kill().catch(() => undefined), spec.timeoutMs);
        const { StatusCode } = (await container.wait()) as { StatusCode: number };
        clearTimeout(killer);
        // The engine closes the stream once the output is all sent; a stream that stays open past
        // that is not waited for.
        await Promise.race([drained, sleep(ATTACH_DRAIN_MS, undefined, { ref: false })]);
        // A namespace that died under the probe makes its answer say nothing about the student's
        // settings (a connect that failed because the service was killed, not because of a network).
        await this.throwIfJoinedExited(spec);
        return { exitCode: StatusCode, output: output.text() };
      } finally {
        attached.destroy();
      }
    } finally {
      await this.remove(container.id);
    }
  }

  /** A probe could not start: when it joins a container that is no longer running, say so as that container's exit. */
  private async joinedContainerDown(spec: OneShotSpec, error: unknown): Promise<never> {
    // The engine's refusals vary (409 for a network, 500 for a PID namespace, or "cannot start a
    // container that has stopped" when it stopped between create and start): the state decides.
    await this.throwIfJoinedExited(spec);
    throw error;
  }

  /** Throws the exit of the container whose namespace the probe joins, when it is no longer running. */
  private async throwIfJoinedExited(spec: OneShotSpec): Promise<void> {
    const joined = [spec.networkMode, spec.pidMode].map((mode) => /^container:(.+)$/.exec(mode ?? "")?.[1]).find((id) => id !== undefined);
    if (!joined) return;
    const exit = await readExit(this.docker, joined);
    if (exit) throw new ContainerExitedError(exit, `a probe joining it (${spec.command.join(" ").slice(0, 80)})`);
  }

  async listByLabel(label: string, value?: string): Promise<readonly { id: string; name: string; labels: Labels }[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [labelFilter(label, value)] } });
    return containers.map((container) => ({ id: container.Id, name: container.Names[0]?.replace(/^\//, "") ?? "", labels: container.Labels ?? {} }));
  }

  async listMounting(sources: readonly string[]): Promise<readonly { id: string; name: string }[]> {
    const uses = (mount: { Name?: string; Source: string }) =>
      sources.some((source) => mount.Name === source || mount.Source === source || mount.Source.startsWith(`${source}/`));
    const containers = await this.docker.listContainers({ all: true });
    return containers
      .filter((container) => (container.Mounts ?? []).some(uses))
      .map((container) => ({ id: container.Id, name: container.Names[0]?.replace(/^\//, "") ?? "" }));
  }

  async diskUsage(label: string, value?: string): Promise<readonly ContainerDiskUsage[]> {
    const containers = await this.docker.listContainers({ all: true, size: true, filters: { label: [labelFilter(label, value)] } });
    return containers.map((container) => ({
      id: container.Id,
      name: container.Names[0]?.replace(/^\//, "") ?? "",
      running: container.State === "running",
      // Present when `size` is asked for; dockerode's types leave it out.
      writableBytes: (container as { SizeRw?: number }).SizeRw ?? 0,
      volumes: (container.Mounts ?? []).filter((mount) => mount.Type === "volume" && mount.Name).map((mount) => mount.Name as string),
    }));
  }

  async kill(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).kill({ signal: "SIGKILL" });
    } catch (error) {
      // 404: gone; 409: not running.
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw error;
    }
  }

  async remove(id: string): Promise<void> {
    await ignoreNotFound(this.docker.getContainer(id).remove({ force: true, v: true }));
  }

  private async removeByName(name: string): Promise<void> {
    const found = await this.docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } });
    await Promise.all(found.map((container) => this.remove(container.Id)));
  }
}

export class DockerRunningContainer implements RunningContainer {
  /** Any container of the engine, running or not: a stopped one still answers state, logs and inspect. */
  constructor(
    readonly id: string,
    private readonly docker: Docker,
    private readonly client: ContainerClient,
  ) {}

  async exec(command: readonly string[], options: { user?: string } = {}): Promise<ExecOutcome> {
    const operation = `exec ${command.join(" ").slice(0, 80)}`;
    return this.orExited(operation, async () => {
      const exec = await this.docker.getContainer(this.id).exec({
        Cmd: [...command],
        AttachStdout: true,
        AttachStderr: true,
        ...(options.user ? { User: options.user } : {}),
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      const output = new BoundedOutput("head");
      await drainDemultiplexed(this.docker, stream, output);
      const { ExitCode } = await exec.inspect();
      // The container's exit kills its execs too: their code then says nothing about the command.
      if (ExitCode !== 0) {
        const exit = await readExitSettled(this.docker, this.id, ExitCode);
        if (exit) throw new ContainerExitedError(exit, operation);
      }
      return { exitCode: ExitCode ?? -1, output: output.text() };
    });
  }

  async state(): Promise<ContainerState> {
    const { State } = await this.orExited("inspect", () => this.docker.getContainer(this.id).inspect());
    const health = State.Health;
    const startError = (State as { Error?: string }).Error;
    return {
      running: State.Running,
      exitCode: State.ExitCode,
      oomKilled: State.OOMKilled,
      ...(startError ? { startError } : {}),
      health: {
        status: (health?.Status as HealthState["status"] | undefined) ?? "none",
        log: (health?.Log ?? []).map((probe) => ({ exitCode: probe.ExitCode, output: probe.Output })),
      },
    };
  }

  watch(signal: AbortSignal): Promise<ContainerWatch> {
    return watchContainer(this.docker, this.id, signal);
  }

  logs(options: { tail?: number; maxBytes?: number } = {}): Promise<string> {
    return this.orExited("logs", () => readLogTail(this.docker, this.id, options.tail ?? 200, options.maxBytes));
  }

  inspect(): Promise<ContainerInspection> {
    return this.orExited("inspect", () => this.docker.getContainer(this.id).inspect());
  }

  async stop(timeoutSeconds: number): Promise<void> {
    await ignoreNotModified(this.docker.getContainer(this.id).stop({ t: timeoutSeconds }));
  }

  async kill(signal = "SIGKILL"): Promise<void> {
    await this.orExited(`kill -s ${signal}`, () => this.docker.getContainer(this.id).kill({ signal }));
  }

  /**
   * Runs `operation`; when the engine refused it because the container is down (its main process
   * exited, or the container is gone), throws that exit instead of the engine's HTTP error.
   */
  private async orExited<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ContainerExitedError || !mayBeContainerDown(error)) throw error;
      const exit = await readExit(this.docker, this.id);
      throw exit ? new ContainerExitedError(exit, operation) : error;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.client.remove(this.id);
  }
}

/** Stopping a stopped container answers 304: it is already what was asked. */
async function ignoreNotModified(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 304) throw error;
  }
}

/**
 * How the container ended, with one inspect and one log tail; undefined while it still runs (the
 * engine's refusal meant something else). A removed container ends with nothing left to read.
 */
async function readExit(docker: Docker, id: string): Promise<ContainerExit | undefined> {
  let state: Docker.ContainerInspectInfo["State"] & { Error?: string };
  try {
    state = (await docker.getContainer(id).inspect()).State;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    return { containerId: id, status: "removed", exitCode: undefined, oomKilled: false, logTail: "" };
  }
  if (state.Running && !state.Paused && !state.Restarting) return undefined;
  const logTail = await readLogTail(docker, id, EXIT_LOG_LINES).catch(() => "");
  return {
    containerId: id,
    status: state.Status,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    ...(state.Error ? { startError: state.Error } : {}),
    logTail,
  };
}

/**
 * readExit after an exec that ended on a signal's code (137, or none at all): a kill of the whole
 * container ends its execs a few milliseconds before the engine marks it exited, so the state is
 * read again for a moment before the exec's own code is believed.
 */
async function readExitSettled(docker: Docker, id: string, execExitCode: number | null | undefined): Promise<ContainerExit | undefined> {
  const killed = execExitCode === 137 || execExitCode === null || execExitCode === undefined;
  for (let waited = 0; ; waited += EXIT_SETTLE_STEP_MS) {
    const exit = await readExit(docker, id);
    if (exit || !killed || waited >= EXIT_SETTLE_MS) return exit;
    await sleep(EXIT_SETTLE_STEP_MS);
  }
}

/** How long an exec killed by a signal waits for its container's exit to show; the engine records it within milliseconds. */
const EXIT_SETTLE_MS = 1_000;
const EXIT_SETTLE_STEP_MS = 50;

/** The log lines an exit shows: what a crashing program says last is usually why. */
const EXIT_LOG_LINES = 20;

/** How long a finished one-shot's output may take to arrive in full. */
const ATTACH_DRAIN_MS = 5_000;

/**
 * The last `tail` entries of a container's logs, read as a stream (dockerode buffers the whole
 * answer unless following), so that only the last `maxBytes` stay in memory however long the
 * entries are.
 */
async function readLogTail(docker: Docker, id: string, tail: number, maxBytes?: number): Promise<string> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${id}/logs?`,
        method: "GET",
        isStream: true,
        statusCodes: { 200: true, 404: "no such container", 500: "server error" },
        options: { stdout: true, stderr: true, follow: false, tail },
      },
      (error, response) => (error ? reject(error) : resolve(response as NodeJS.ReadableStream)),
    );
  });
  const output = new BoundedOutput("tail", maxBytes);
  await drainDemultiplexed(docker, stream, output);
  return output.text();
}

/** Non-TTY output comes framed per stream; docker-modem knows the framing. Read to the end. */
async function drainDemultiplexed(docker: Docker, stream: NodeJS.ReadableStream, output: BoundedOutput): Promise<void> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output.push(chunk);
      done();
    },
  });
  docker.modem.demuxStream(stream, sink, sink);
  await finished(stream);
}
