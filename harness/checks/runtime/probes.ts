import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import type { CheckContext } from "../context.ts";
import { throwIfExited } from "../container-exit.ts";
import { parseCgroupReadings, READ_CGROUP_LIMITS_SCRIPT, type CgroupLimits } from "./cgroup-limits.ts";
import { parseProcStatus, type ProcStatus } from "./proc-status.ts";

/**
 * The grader's ways of looking into a running container. Probes run the grader's own busybox (no
 * network at all: `none`), so they work whatever the student's image holds; only the cgroup files
 * need an exec inside, since a container sees its own cgroup and no other.
 */

/** The grader could not read what it needed; thrown, so it is reported as the grader's error. */
export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeError";
  }
}

const PROBE_TIMEOUT_MS = 15_000;

/** `about`: the container the probe looks into or signals; its exit fails the probe, and is the student's result, not the probe's fault. */
async function probe(ctx: CheckContext, command: readonly string[], pidMode: string, about?: RunningContainer): Promise<string> {
  const { exitCode, output } = await ctx.engine.containers.runOnce({
    image: PROBE_IMAGE,
    command,
    labels: runLabels(ctx.runId, ctx.exercise.id),
    networkMode: "none",
    pidMode,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (exitCode !== 0 && about) await throwIfExited(about, `probe ${command.join(" ")}`);
  if (exitCode !== 0) throw new ProbeError(`probe ${command.join(" ")} exited ${exitCode}: ${output.trim().slice(0, 500)}`);
  return output;
}

/** Takes an interface of the container's network namespace up or down, from a probe that joins it. */
export async function setLinkState(ctx: CheckContext, container: RunningContainer, link: string, state: "up" | "down"): Promise<void> {
  if (!/^[\w.-]+$/.test(link)) throw new ProbeError(`not an interface name: ${link}`);
  const { exitCode, output } = await ctx.engine.containers.runOnce({
    image: PROBE_IMAGE,
    command: ["ip", "link", "set", link, state],
    labels: runLabels(ctx.runId, ctx.exercise.id),
    networkMode: `container:${container.id}`,
    capAdd: ["NET_ADMIN"],
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (exitCode !== 0) await throwIfExited(container, `ip link set ${link} ${state}`);
  if (exitCode !== 0) throw new ProbeError(`ip link set ${link} ${state} exited ${exitCode}: ${output.trim().slice(0, 300)}`);
}

/** /proc/1/status of the container, read from a probe that shares its PID namespace. */
export async function readMainProcessStatus(ctx: CheckContext, container: RunningContainer): Promise<ProcStatus> {
  return parseProcStatus(await probe(ctx, ["cat", "/proc/1/status"], `container:${container.id}`, container));
}

/** Memory, CPU and pids limits as seen from inside (needs `sh` and `cat` in the image: busybox has them). */
export async function readCgroupLimits(container: RunningContainer): Promise<CgroupLimits> {
  const { exitCode, output } = await container.exec(["sh", "-c", READ_CGROUP_LIMITS_SCRIPT]);
  if (exitCode !== 0 || !output.includes("version=")) {
    throw new ProbeError(`cannot read the cgroup files inside the container (the image needs sh and cat): ${output.trim().slice(0, 300)}`);
  }
  return parseCgroupReadings(output);
}

/**
 * Walks the process tree from `$2` (a PID in the engine's namespace), parents first, so a stopped
 * parent cannot start a child the walk would miss. Prints every PID it signalled.
 */
const SIGNAL_TREE_SCRIPT = `sig=$1
walk() {
  kill -"$sig" "$1" 2>/dev/null && echo "$1"
  for child in $(grep -l "^PPid:[[:space:]]*$1\\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3); do walk "$child"; done
}
walk "$2"`;

export type TreeSignal = "STOP" | "CONT" | "KILL";

/**
 * Signals the container's main process from the engine's PID namespace, as the kernel would (the
 * OOM killer, a crash). From inside, PID 1 ignores every signal it has no handler for, SIGKILL
 * included; and `docker kill` marks the container as stopped by hand, so its restart policy would
 * not apply. With `tree`, the main process's descendants get it too (a frozen app is frozen whole,
 * whether PID 1 is the app or an init). Returns the PIDs signalled.
 */
export async function signalMainProcess(ctx: CheckContext, container: RunningContainer, signal: TreeSignal, options: { tree: boolean }): Promise<number[]> {
  const { State } = await container.inspect();
  const pid = State.Pid;
  if (!State.Running) await throwIfExited(container, `kill -${signal}`);
  // 0 would signal the probe's own process group; only a running container has a real PID.
  if (!State.Running || !Number.isInteger(pid) || pid <= 1) throw new ProbeError(`container ${container.id.slice(0, 12)} has no main process to signal`);
  const command = options.tree ? ["sh", "-c", SIGNAL_TREE_SCRIPT, "sh", signal, String(pid)] : ["sh", "-c", `kill -${signal} ${pid} && echo ${pid}`];
  const signalled = (await probe(ctx, command, "host", container)).split(/\s+/).filter(Boolean).map(Number);
  if (!signalled.includes(pid)) await throwIfExited(container, `kill -${signal}`);
  if (!signalled.includes(pid)) throw new ProbeError(`SIG${signal} did not reach the main process (PID ${pid})`);
  return signalled;
}
