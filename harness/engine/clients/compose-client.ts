import type Docker from "dockerode";
import { DockerComposeEnvironment } from "testcontainers";
import { $ } from "zx";
import type { ComposeModel } from "../compose-model.ts";
import { ignoreNotFound, retryTransient } from "./api-helpers.ts";
import type { ComposeConfigOutcome, ComposeProjectSpec } from "./compose-project-spec.ts";
import { composeEnvironment, composeFiles, envFileOf, maskedComposeEnvironment } from "./compose-invocation.ts";
import { DockerRunningContainer, type ContainerClient, type RunningContainer } from "./container-client.ts";
import { ComposeImageBuilder, type ComposeBuildOptions } from "./compose-builder.ts";
import type { BuildOutcome } from "./image-builder.ts";
import { NoConnectionWait } from "./no-connection-wait.ts";

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
  /** The Compose plugin's version (`2.29.1`), or undefined when the plugin is missing. */
  version(): Promise<string | undefined>;
  /** The resolved model; `interpolate: false` keeps `${VAR}` as written and env_file as paths, unread. */
  config(spec: ComposeProjectSpec, options?: { interpolate?: boolean }): Promise<ComposeConfigOutcome>;
  /** Builds the services that have a `build:` section, one build at a time per engine. */
  build(spec: ComposeProjectSpec, options: ComposeBuildOptions): Promise<BuildOutcome>;
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

  async version(): Promise<string | undefined> {
    const result = await $({ nothrow: true, quiet: true })`docker compose version --short`;
    return result.exitCode === 0 ? result.stdout.trim().replace(/^v/, "") : undefined;
  }

  async config(spec: ComposeProjectSpec, options: { interpolate?: boolean } = {}): Promise<ComposeConfigOutcome> {
    const result = await runCompose(spec, ["config", "--format", "json", ...(options.interpolate === false ? ["--no-interpolate"] : [])]);
    if (result.exitCode === null) return { ok: false, error: `docker compose config did not answer within ${COMPOSE_COMMAND_TIMEOUT_MS / 1000} s.` };
    if (result.exitCode !== 0) return { ok: false, error: result.stderr.trim() || result.stdout.trim() };
    return { ok: true, model: JSON.parse(result.stdout) as ComposeModel };
  }

  /** Built by the grader itself, not `docker compose build`: see ComposeImageBuilder. */
  build(spec: ComposeProjectSpec, options: ComposeBuildOptions): Promise<BuildOutcome> {
    return new ComposeImageBuilder(this.engineHost, this.docker, (project) => this.config(project)).build(spec, options);
  }

  async up(spec: ComposeProjectSpec, options: { startupTimeoutMs: number }): Promise<ComposeStack> {
    const envFile = envFileOf(spec.dir);
    const base = new DockerComposeEnvironment(spec.dir, [...spec.files])
      .withProjectName(spec.projectName)
      .withProfiles(...spec.profiles)
      // The same environment and env file as runCompose, so what runs is what `config` resolved.
      .withEnvironment(maskedComposeEnvironment(spec))
      // The grader built the images under its build sandbox; `pull_policy: build` must not make `up` build again outside it.
      .withClientOptions({ commandOptions: ["--no-build"] });
    const environment = (envFile ? base.withEnvironmentFile(envFile) : base)
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
    const ids = new Map(
      listed.map((container) => [`${container.Labels["com.docker.compose.service"]}-${container.Labels["com.docker.compose.container-number"]}`, container.Id]),
    );
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
          const handle = new DockerRunningContainer(container.Id, this.docker, this.containers);
          const { exitCode } = await handle.state();
          // A report shows it whole: 20 lines, as long as a flooding service makes them, cut at 16 KiB.
          const logTail = await handle.logs({ tail: 20, maxBytes: 16 * 1024 });
          return { service: container.Labels["com.docker.compose.service"] ?? container.Id, exitCode, logTail };
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

/**
 * `docker compose` on the project exactly as the spec says: name, directory, files, profiles and
 * env file all explicit, in an environment (compose-invocation.ts) that neither the grader's
 * variables nor the submission's `.env` can use to point Compose at other files or projects.
 */
/**
 * Resolving or taking down a project takes Compose seconds. One that does not answer (a file it
 * chews on) is killed, with the plugin process the docker CLI started: the CLI alone ignores SIGTERM
 * and would leave the plugin running after the grader is gone.
 */
const COMPOSE_COMMAND_TIMEOUT_MS = 60_000;

function runCompose(spec: ComposeProjectSpec, args: readonly string[]) {
  const fileArgs = composeFiles(spec).flatMap((file) => ["-f", file]);
  const profileArgs = spec.profiles.flatMap((profile) => ["--profile", profile]);
  const envFile = envFileOf(spec.dir);
  const envFileArgs = envFile ? ["--env-file", envFile] : [];
  const limits = { timeout: COMPOSE_COMMAND_TIMEOUT_MS, timeoutSignal: "SIGKILL", killSignal: "SIGKILL" } as const;
  return $({
    cwd: spec.dir,
    env: composeEnvironment(spec),
    nothrow: true,
    quiet: true,
    ...limits,
  })`docker compose --project-name ${spec.projectName} --project-directory ${spec.dir} ${envFileArgs} ${fileArgs} ${profileArgs} ${args}`;
}
