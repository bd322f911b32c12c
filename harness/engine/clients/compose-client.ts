import type Docker from "dockerode";
import { DockerComposeEnvironment } from "testcontainers";
import { $ } from "zx";
import type { ComposeModel } from "../../compose/compose-model.ts";
import { ignoreNotFound, retryTransient } from "./api-helpers.ts";
import { demultiplex, DockerRunningContainer, type ContainerClient, type RunningContainer } from "./container-client.ts";
import { oneBuildAtATime } from "./buildx-builder.ts";
import type { BuildOutcome } from "./image-builder.ts";
import { NoConnectionWait } from "./no-connection-wait.ts";

export interface ComposeProjectSpec {
  /** The project directory: relative paths in the files resolve against it. */
  readonly dir: string;
  /** Compose files, relative to `dir` or absolute (the grader's own override). */
  readonly files: readonly string[];
  readonly projectName: string;
  readonly profiles: readonly string[];
}

export type ComposeConfigOutcome = { readonly ok: true; readonly model: ComposeModel } | { readonly ok: false; readonly error: string };

/** `up` failed: a service did not start or a dependency never became healthy; `output` says which. */
export class ComposeUpError extends Error {
  constructor(readonly output: string) {
    super(output.split("\n").filter(Boolean).at(-1) ?? "docker compose up failed");
    this.name = "ComposeUpError";
  }
}

/** The service has no container in the project (renamed, or in a profile that is off). */
export class ServiceNotCreatedError extends Error {
  constructor(readonly service: string) {
    super(`service ${service} has no container`);
    this.name = "ServiceNotCreatedError";
  }
}

export interface ComposeStack {
  /**
   * The container of a service (first replica by default), running or not: a check asks its
   * `state()`. Throws ServiceNotCreatedError when the service has no container at all.
   */
  service(name: string, replica?: number): RunningContainer;
  readonly serviceNames: readonly string[];
  /** Containers of the project that are not running now, with their exit codes and last log lines. */
  stopped(): Promise<readonly { service: string; exitCode: number; logTail: string }[]>;
}

export interface ComposeClient {
  /** The resolved model; `interpolate: false` keeps `${VAR}` as written and env_file as paths, unread. */
  config(spec: ComposeProjectSpec, options?: { interpolate?: boolean }): Promise<ComposeConfigOutcome>;
  /** Builds the services that have a `build:` section, one build at a time per engine. */
  build(spec: ComposeProjectSpec, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BuildOutcome>;
  up(spec: ComposeProjectSpec, options: { startupTimeoutMs: number }): Promise<ComposeStack>;
  /** A short stop timeout: an app that ignores SIGTERM must not cost 10 s per container. */
  down(spec: ComposeProjectSpec, options: { removeVolumes: boolean; stopTimeoutSeconds?: number }): Promise<void>;
}

export class DockerComposeClient implements ComposeClient {
  constructor(
    private readonly docker: Docker,
    private readonly containers: ContainerClient,
    private readonly engineHost: string,
  ) {}

  async config(spec: ComposeProjectSpec, options: { interpolate?: boolean } = {}): Promise<ComposeConfigOutcome> {
    const result = await runCompose(spec, ["config", "--format", "json", ...(options.interpolate === false ? ["--no-interpolate"] : [])]);
    if (result.exitCode !== 0) return { ok: false, error: result.stderr.trim() || result.stdout.trim() };
    return { ok: true, model: JSON.parse(result.stdout) as ComposeModel };
  }

  build(spec: ComposeProjectSpec, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BuildOutcome> {
    return oneBuildAtATime(this.engineHost, options.signal, () => this.buildNow(spec, options));
  }

  private async buildNow(spec: ComposeProjectSpec, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BuildOutcome> {
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort("timeout"), options.timeoutMs);
    const cancel = () => controller.abort("cancelled");
    options.signal?.addEventListener("abort", cancel, { once: true });
    try {
      const result = await runCompose(spec, ["--progress", "plain", "build"], controller.signal);
      const log = (result.stdout + result.stderr).slice(-64_000);
      const durationMs = Date.now() - started;
      if (controller.signal.aborted) return { ok: false, reason: controller.signal.reason === "timeout" ? "timeout" : "cancelled", log, durationMs };
      return result.exitCode === 0 ? { ok: true, imageId: "", log, durationMs } : { ok: false, reason: "failed", log, durationMs };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", cancel);
    }
  }

  async up(spec: ComposeProjectSpec, options: { startupTimeoutMs: number }): Promise<ComposeStack> {
    const environment = new DockerComposeEnvironment(spec.dir, [...spec.files])
      .withProjectName(spec.projectName)
      .withProfiles(...spec.profiles)
      .withDefaultWaitStrategy(new NoConnectionWait())
      .withStartupTimeout(options.startupTimeoutMs);
    try {
      // testcontainers takes the project down (volumes included) itself when up fails.
      await retryTransient(() => environment.up());
    } catch (error) {
      throw new ComposeUpError(error instanceof Error ? error.message : String(error));
    }
    const listed = await this.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${spec.projectName}`] } });
    const serviceNames = [...new Set(listed.map((container) => container.Labels["com.docker.compose.service"] ?? ""))].filter(Boolean).sort();
    // Every container up created, the ones that already exited included (testcontainers keeps only running ones).
    const ids = new Map(listed.map((container) => [`${container.Labels["com.docker.compose.service"]}-${container.Labels["com.docker.compose.container-number"]}`, container.Id]));
    return {
      serviceNames,
      service: (name, replica = 1) => {
        const id = ids.get(`${name}-${replica}`);
        if (!id) throw new ServiceNotCreatedError(name);
        return new DockerRunningContainer(id, this.docker, this.containers);
      },
      stopped: () => this.stoppedContainers(spec.projectName),
    };
  }

  private async stoppedContainers(projectName: string): Promise<{ service: string; exitCode: number; logTail: string }[]> {
    const listed = await this.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${projectName}`] } });
    return Promise.all(
      listed
        .filter((container) => container.State !== "running")
        .map(async (container) => {
          const handle = this.docker.getContainer(container.Id);
          const { State } = await handle.inspect();
          const framed = await handle.logs({ stdout: true, stderr: true, follow: false, tail: 20 });
          return { service: container.Labels["com.docker.compose.service"] ?? container.Id, exitCode: State.ExitCode, logTail: await demultiplex(this.docker, framed) };
        }),
    );
  }

  async down(spec: ComposeProjectSpec, options: { removeVolumes: boolean; stopTimeoutSeconds?: number }): Promise<void> {
    const volumes = options.removeVolumes ? ["--volumes"] : [];
    const anonymous = options.removeVolumes ? [] : await this.anonymousVolumes(spec.projectName);
    const result = await runCompose(spec, ["down", "--remove-orphans", "--timeout", String(options.stopTimeoutSeconds ?? 1), ...volumes]);
    if (result.exitCode !== 0) throw new Error(`docker compose down failed: ${result.stderr.trim()}`);
    // `down` without -v keeps named volumes, and leaves anonymous ones behind with no container to
    // reattach them (the next `up` makes new ones) and no label to sweep them by: remove them now.
    await Promise.all(anonymous.map((name) => ignoreNotFound(this.docker.getVolume(name).remove({ force: true }))));
  }

  /** Anonymous volumes (Docker names them with 64 hex digits) mounted by the project's containers. */
  private async anonymousVolumes(projectName: string): Promise<string[]> {
    const listed = await this.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${projectName}`] } });
    return listed.flatMap((container) =>
      (container.Mounts ?? []).filter((mount) => mount.Type === "volume" && /^[0-9a-f]{64}$/.test(mount.Name ?? "")).map((mount) => mount.Name as string),
    );
  }
}

function runCompose(spec: ComposeProjectSpec, args: readonly string[], signal?: AbortSignal) {
  const fileArgs = spec.files.flatMap((file) => ["-f", file]);
  const profileArgs = spec.profiles.flatMap((profile) => ["--profile", profile]);
  return $({ cwd: spec.dir, nothrow: true, quiet: true, ...(signal ? { signal } : {}) })`docker compose --project-name ${spec.projectName} --project-directory ${spec.dir} ${fileArgs} ${profileArgs} ${args}`;
}
