import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { text, type Text } from "../../kernel/text.ts";
import type { CheckContext } from "../context.ts";
import { ProbeError, setLinkState, signalMainProcess } from "./probes.ts";

/**
 * A breakdown the grader causes on purpose, so that a healthcheck can prove it notices. Every fault
 * can be repaired, so the checks that follow see the app working again.
 */
export interface Fault {
  /** Completes "after the grader …": "froze the app's processes (SIGSTOP)". */
  readonly description: Text;
  inject(ctx: CheckContext, container: RunningContainer): Promise<void>;
  repair(ctx: CheckContext, container: RunningContainer): Promise<void>;
}

/**
 * The app hangs: every process of the main process's tree is stopped (SIGSTOP), as in a deadlock.
 * The processes still exist, so a probe that only asks "is it running?" (`pgrep`, `ps | grep`)
 * stays green; a probe that checks the work being done (a fresh heartbeat, an answer) turns red.
 * Healthcheck probes are started by the engine beside the app, not under it, so they still run.
 */
export function freezeApp(): Fault {
  return {
    description: text("a figé les processus de l'application (SIGSTOP)", "froze the app's processes (SIGSTOP)"),
    async inject(ctx, container) {
      await signalMainProcess(ctx, container, "STOP", { tree: true });
    },
    async repair(ctx, container) {
      // A container that died meanwhile has nothing left to resume.
      if (!(await container.state()).running) return;
      await signalMainProcess(ctx, container, "CONT", { tree: true });
    },
  };
}

/**
 * A file the app needs disappears (moved aside, as the container's user, then put back). Use it for
 * a file the app does not recreate on its own: its configuration, a socket, a page it serves.
 */
export function removeFile(path: string): Fault {
  const aside = `${path}.dockgrade-fault`;
  return {
    description: text(`a supprimé ${path}`, `removed ${path}`),
    async inject(_ctx, container) {
      const { exitCode, output } = await container.exec(["mv", "-f", path, aside]);
      if (exitCode !== 0) throw new ProbeError(`cannot move ${path} aside: ${output.trim()}`);
    },
    async repair(_ctx, container) {
      if (!(await container.state()).running) return;
      const { exitCode, output } = await container.exec(["mv", "-f", aside, path]);
      if (exitCode !== 0) throw new ProbeError(`cannot put ${path} back: ${output.trim()}`);
    },
  };
}

/**
 * The app's port stops answering: a grader-owned probe joins the container's network namespace
 * with NET_ADMIN and takes an interface down (`lo` cuts 127.0.0.1, where a healthcheck knocks;
 * `eth0` cuts the other services off), then brings it back up. Nothing is needed in the student's
 * image, and the app itself keeps running: only a probe that really connects notices.
 */
export function blockPort(link = "lo"): Fault {
  return {
    description: text(`a coupé l'accès au port de l'application (interface ${link} désactivée)`, `cut off the app's port (interface ${link} down)`),
    async inject(ctx, container) {
      await setLinkState(ctx, container, link, "down");
    },
    async repair(ctx, container) {
      if (!(await container.state()).running) return;
      await setLinkState(ctx, container, link, "up");
    },
  };
}
