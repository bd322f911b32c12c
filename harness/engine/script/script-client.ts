import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { runLabels } from "../../kernel/run-labels.ts";
import { startApiProxy } from "../api-proxy/api-proxy.ts";
import type { BindableFolder } from "../api-proxy/api-proxy-scope.ts";
import { retryTransient } from "../clients/api-helpers.ts";
import { DockerRunningContainer, type ContainerClient } from "../clients/container-client.ts";
import { DEFAULT_CONTAINER_LIMITS, limitedHostConfig, type ContainerLimits } from "../limits/container-limits.ts";

/**
 * Runs a student's script (a backup or restore script) in a container of the grader's instead of
 * on the grader's machine. The script sees only its folders, mounted at the same absolute paths as
 * on the host (so `docker run -v "$BACKUP_DIR":/backup` names the same folder for the engine), a
 * tmpfs for /tmp and HOME, and no network. It reaches the engine only through the API proxy
 * (harness/engine/api-proxy/), on a socket of its own: never the engine's socket.
 */
export interface ScriptSpec {
  /** The image it runs in: busybox and the docker CLI (harness/images/script-runner-image.ts). */
  readonly image: string;
  readonly runId: string;
  readonly exerciseId: string;
  /** What runs, e.g. `["sh", "backup.sh"]`: no exec bit needed, no shebang trusted. */
  readonly command: readonly string[];
  /** The working folder; one of `folders`. */
  readonly workDir: string;
  /** Host folders mounted read-write at the same paths, and the only ones the script's helpers may bind. */
  readonly folders: readonly BindableFolder[];
  /** The script's variables; HOME and DOCKER_HOST are the sandbox's. */
  readonly env: Readonly<Record<string, string>>;
  /** The repository the script may `docker tag` the run's images into (a shipping script); none by default. */
  readonly tagRepository?: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export interface ContainedRun {
  /** Null when the script was stopped (time limit or cancellation). */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** stdout and stderr interleaved, the last part only. */
  readonly output: string;
  readonly durationMs: number;
}

/** Where the proxy's socket is, inside the script's container. */
const PROXY_MOUNT = "/run/dockgrade";
const OUTPUT_LIMIT_BYTES = 16_000;
const OUTPUT_TAIL_LINES = 2_000;

/**
 * A shell running docker commands: the CLI takes about 30 MiB, and a script may run a few in the
 * background; 128 processes stop a fork bomb long before the machine feels it.
 */
const SCRIPT_LIMITS: ContainerLimits = { ...DEFAULT_CONTAINER_LIMITS, memoryBytes: 256 * 1024 * 1024, pids: 128, cpus: 1 };

export interface ScriptClient {
  /** Runs the script to its end, its time limit or the signal's abort; its container is removed in every case. */
  run(spec: ScriptSpec): Promise<ContainedRun>;
}

export class DockerScriptClient implements ScriptClient {
  constructor(
    private readonly docker: Docker,
    private readonly engineHost: string,
    private readonly containers: ContainerClient,
  ) {}

  async run(spec: ScriptSpec): Promise<ContainedRun> {
    // Not in a folder the script can write: it could replace the socket with its own.
    const proxyDir = await realpath(await mkdtemp(join(tmpdir(), "dockgrade-api-")));
    try {
      await using _proxy = await startApiProxy({
        socketPath: join(proxyDir, "docker.sock"),
        engineHost: this.engineHost,
        docker: this.docker,
        scope: {
          runId: spec.runId,
          labels: runLabels(spec.runId, spec.exerciseId),
          bindable: spec.folders,
          ...(spec.tagRepository === undefined ? {} : { tagRepository: spec.tagRepository }),
        },
      });
      return await runContainer(this.docker, this.containers, proxyDir, spec);
    } finally {
      await rm(proxyDir, { recursive: true, force: true });
    }
  }
}

async function runContainer(docker: Docker, containers: ContainerClient, proxyDir: string, request: ScriptSpec): Promise<ContainedRun> {
  const env = { ...request.env, HOME: "/tmp", DOCKER_HOST: `unix://${PROXY_MOUNT}/docker.sock` };
  const container = await docker.createContainer({
    Image: request.image,
    Cmd: [...request.command],
    Env: Object.entries(env).map(([name, value]) => `${name}=${value}`),
    WorkingDir: request.workDir,
    // The grader's own user: what the script writes in its folders, the grader can delete.
    User: `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`,
    Labels: { ...runLabels(request.runId, request.exerciseId) },
    StopTimeout: SCRIPT_LIMITS.stopTimeoutSeconds,
    HostConfig: {
      ...limitedHostConfig(SCRIPT_LIMITS),
      NetworkMode: "none",
      ReadonlyRootfs: true,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Tmpfs: { "/tmp": "rw,nosuid,nodev,size=64m" },
      AutoRemove: false,
      Mounts: [
        ...request.folders.map((folder) => ({ Type: "bind" as const, Source: folder.path, Target: folder.path, ReadOnly: false })),
        { Type: "bind" as const, Source: proxyDir, Target: PROXY_MOUNT, ReadOnly: true },
      ],
    },
  });
  const handle = new DockerRunningContainer(container.id, docker, containers);
  try {
    const started = Date.now();
    await retryTransient(() => container.start());
    let timedOut = false;
    let cancelled = false;
    const kill = () => void containers.kill(container.id).catch(() => undefined);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, request.timeoutMs);
    const cancel = () => {
      cancelled = true;
      kill();
    };
    request.signal.addEventListener("abort", cancel, { once: true });
    try {
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const durationMs = Date.now() - started;
      const output = await handle.logs({ tail: OUTPUT_TAIL_LINES, maxBytes: OUTPUT_LIMIT_BYTES });
      return { exitCode: timedOut || cancelled ? null : StatusCode, timedOut, cancelled, output, durationMs };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", cancel);
    }
  } finally {
    await handle[Symbol.asyncDispose]();
  }
}
