import { spawn } from "node:child_process";
import { BoundedOutput } from "../limits/bounded-output.ts";
import { BuildCgroup } from "./build-cgroup.ts";
import { detectBuildSandbox, type BuildSandboxSupport } from "./build-cgroup-support.ts";

/** Keep the end of a build log: the error is there, and the report must stay readable. */
const MAX_LOG_BYTES = 64_000;

/**
 * After SIGTERM, `docker buildx build` cancels its build session and BuildKit kills the RUN step
 * (measured on Engine 26.1: under a second, a fork bomb included). Past this grace it gets SIGKILL,
 * which also ends the session: BuildKit cancels a build whose client went away.
 */
const STOP_GRACE_MS = 5_000;

export interface BuildxRun {
  readonly outcome: "succeeded" | "failed" | "timeout" | "cancelled";
  readonly log: string;
}

export interface BuildxLimits {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs `docker buildx build <args>` as a sandboxed build: RUN steps under a fresh cgroup with
 * pids and memory ceilings when this machine allows one (see build-cgroup-support.ts), a time
 * limit and cancellation that stop the build in BuildKit rather than only in the grader, and a
 * log bounded in memory. The caller holds the engine's build lock.
 */
export async function runBuildx(engineHost: string, args: readonly string[], limits: BuildxLimits): Promise<BuildxRun> {
  const log = new BoundedOutput("tail", MAX_LOG_BYTES);
  const note = (line: string) => log.push(Buffer.from(`dockgrade: ${line}\n`));
  const cgroup = await openCgroup(engineHost, note);
  let outcome: BuildxRun["outcome"];
  try {
    outcome = await runUntilDone(["buildx", "build", ...(cgroup ? ["--cgroup-parent", cgroup.parent] : []), ...args], engineHost, limits, log);
  } finally {
    if (cgroup) {
      const left = await cgroup.killAll();
      if (left > 0) note(`killed ${left} build process(es) BuildKit left running`);
      await cgroup[Symbol.asyncDispose]().catch((error: Error) => note(error.message));
    }
  }
  return { outcome, log: log.text() };
}

/**
 * What this machine allows, found once per engine and process: finding it reads every process's
 * sockets and asks the engine, a tenth of a second that every build would otherwise spend holding
 * the engine's build lock, so that a batch's builds queue behind it.
 */
const sandboxSupport = new Map<string, Promise<BuildSandboxSupport>>();

async function openCgroup(engineHost: string, note: (line: string) => void): Promise<BuildCgroup | undefined> {
  let detected = sandboxSupport.get(engineHost);
  if (detected === undefined) {
    detected = detectBuildSandbox(engineHost);
    sandboxSupport.set(engineHost, detected);
    detected.catch(() => sandboxSupport.delete(engineHost));
  }
  const support = await detected;
  if (!support.available) return undefined;
  await BuildCgroup.removeOrphans(support);
  return BuildCgroup.create(support, engineHost).catch((error: Error) => {
    note(`build sandbox off for this build (${error.message})`);
    return undefined;
  });
}

/** Spawns the docker CLI in its own process group and waits for it, stopping it at the limit or on cancel. */
function runUntilDone(args: readonly string[], engineHost: string, limits: BuildxLimits, log: BoundedOutput): Promise<BuildxRun["outcome"]> {
  return new Promise((resolve) => {
    let stopReason: "timeout" | "cancelled" | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn("docker", args, { env: buildxEnv(engineHost), stdio: ["ignore", "pipe", "pipe"], detached: true });
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        // The group: the docker CLI and the buildx plugin it runs.
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (reason: "timeout" | "cancelled") => {
      if (stopReason) return;
      stopReason = reason;
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => signalGroup("SIGKILL"), STOP_GRACE_MS);
    };
    const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
    const onAbort = () => stop("cancelled");
    const finish = (outcome: BuildxRun["outcome"]) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      limits.signal?.removeEventListener("abort", onAbort);
      resolve(stopReason ?? outcome);
    };
    if (limits.signal?.aborted) onAbort();
    else limits.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => log.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => log.push(chunk));
    child.on("error", (error) => {
      log.push(Buffer.from(`dockgrade: could not run docker: ${error.message}\n`));
      finish("failed");
    });
    child.on("close", (code) => finish(code === 0 ? "succeeded" : "failed"));
  });
}

/** BuildKit on even where an old daemon.json or env turned it off; the docker CLI aimed at the grader's engine. */
function buildxEnv(engineHost: string): NodeJS.ProcessEnv {
  // The docker CLI refuses DOCKER_HOST and DOCKER_CONTEXT together.
  const { DOCKER_CONTEXT: _context, ...env } = process.env;
  return { ...env, DOCKER_HOST: engineHost, DOCKER_BUILDKIT: "1", BUILDKIT_PROGRESS: "plain" };
}
