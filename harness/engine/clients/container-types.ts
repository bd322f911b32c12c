/**
 * A container as the engine describes it (`GET /containers/{id}/json`, `docker inspect`), reduced to
 * what the grader's checks read. The field names are the Engine API's own, so a hint that quotes
 * `docker inspect --format '{{.State.StartedAt}}'` names the same thing the check read. Declared
 * here rather than taken from dockerode so that checks do not depend on the Docker client library,
 * and so that a fake engine can answer with no more than this.
 */
export interface ContainerInspection {
  readonly Id: string;
  /** When the container was created (RFC 3339). */
  readonly Created: string;
  /** The main process's program and arguments as the engine started them. */
  readonly Path: string;
  readonly Args: readonly string[];
  readonly RestartCount: number;
  /** Where the json-file logging driver writes the container's log on the engine's host. */
  readonly LogPath: string;
  readonly State: ContainerStateDetails;
  readonly Config: ContainerConfigDetails;
  readonly HostConfig: ContainerHostConfig;
  readonly Mounts: readonly ContainerMount[];
  readonly NetworkSettings: ContainerNetworkSettings;
}

export interface ContainerStateDetails {
  /** created, running, paused, restarting, removing, exited or dead. */
  readonly Status: string;
  readonly Running: boolean;
  readonly Restarting: boolean;
  readonly OOMKilled: boolean;
  /** The main process's PID on the engine's host; 0 when it is not running. */
  readonly Pid: number;
  readonly ExitCode: number;
  readonly StartedAt: string;
  readonly Health?: {
    readonly Status: string;
    readonly Log: readonly HealthProbe[];
  };
}

/** One healthcheck probe the engine kept: its start and end (RFC 3339), exit code and output. */
export interface HealthProbe {
  readonly Start: string;
  readonly End: string;
  readonly ExitCode: number;
  readonly Output: string;
}

/** A healthcheck's settings, durations in nanoseconds; `Test` `["NONE"]` disables the image's. */
export interface HealthcheckSettings {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly StartInterval?: number;
  readonly Retries?: number;
}

export interface ContainerConfigDetails {
  /** `NAME=value` entries: the image's, then the container's. */
  readonly Env: readonly string[];
  readonly Labels: Readonly<Record<string, string>>;
  readonly Healthcheck?: HealthcheckSettings;
  readonly StopSignal?: string;
}

/** The settings the engine applies to the container: limits, privileges, file systems, logging, restarts. */
export interface ContainerHostConfig {
  readonly Memory?: number;
  readonly NanoCpus?: number;
  readonly CpuQuota?: number;
  readonly CpuPeriod?: number;
  readonly PidsLimit?: number | null;
  readonly CapAdd?: readonly string[] | null;
  readonly CapDrop?: readonly string[] | null;
  readonly SecurityOpt?: readonly string[] | null;
  readonly ReadonlyRootfs?: boolean;
  readonly Tmpfs?: Readonly<Record<string, string>>;
  readonly Init?: boolean | null;
  readonly NetworkMode?: string;
  readonly RestartPolicy?: { readonly Name?: string };
  readonly LogConfig?: { readonly Type?: string };
}

export interface ContainerMount {
  /** bind, volume, tmpfs, npipe or cluster. */
  readonly Type: string;
  /** The volume's name, for a volume. */
  readonly Name?: string;
  readonly Source: string;
  readonly Destination: string;
}

export interface ContainerNetworkSettings {
  /** By network name: the container's address and the names it answers to on it (`DNSNames`: API 1.44+). */
  readonly Networks?: Readonly<Record<string, NetworkEndpoint>>;
  /** By `<port>/<protocol>`: where the engine published it on the host, or null when it is not published. */
  readonly Ports?: Readonly<Record<string, readonly { readonly HostIp: string; readonly HostPort: string }[] | null>> | null;
}

export interface NetworkEndpoint {
  readonly IPAddress?: string;
  readonly Aliases?: readonly string[] | null;
  readonly DNSNames?: readonly string[] | null;
}
