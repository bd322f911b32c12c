import type Docker from "dockerode";

/**
 * Wakes a wait on a container as soon as the engine reports something about it, instead of at the
 * next poll: a check that waits for `healthy` then sees it when the engine does, not up to a poll
 * interval later.
 */
export interface ContainerWatch extends Disposable {
  /**
   * Resolves at this container's next health status change, start or exit, or after `maxMs`.
   * An event the engine sent since the previous call counts: none is lost between two looks. The
   * caller reads the state again either way; the event only says when. Throws the signal's
   * reason once it aborts, as a sleep with that signal would.
   */
  next(maxMs: number): Promise<void>;
}

/** The events that change what a wait on a container looks at: its health, and whether it runs. */
const WAKING_EVENTS = ["health_status", "start", "die"];

/**
 * Subscribes to the engine's events for one container (`docker events --filter container=ID`)
 * until disposed or `signal` aborts. Subscribe before the first look at the state, so that a
 * change between that look and the first wait still wakes it.
 */
export async function watchContainer(docker: Docker, id: string, signal: AbortSignal): Promise<ContainerWatch> {
  const disposed = new AbortController();
  const ended = AbortSignal.any([signal, disposed.signal]);
  const stream = await docker.getEvents({ filters: { type: ["container"], container: [id], event: WAKING_EVENTS }, abortSignal: ended });
  let pending = false;
  let wake: (() => void) | undefined;
  const woken = () => {
    pending = true;
    wake?.();
  };
  stream.on("data", woken);
  ended.addEventListener("abort", () => wake?.(), { once: true });
  // Ended by the engine (restarted) or by our abort: the waits fall back to their time limit.
  stream.on("error", () => undefined);
  return {
    async next(maxMs) {
      signal.throwIfAborted();
      if (!pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, maxMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      pending = false;
      signal.throwIfAborted();
    },
    [Symbol.dispose]() {
      stream.removeListener("data", woken);
      disposed.abort();
    },
  };
}
