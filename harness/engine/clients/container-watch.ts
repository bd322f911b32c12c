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
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.getEvents({ filters: { type: ["container"], container: [id], event: WAKING_EVENTS }, abortSignal: stop.signal });
  } catch (error) {
    signal.removeEventListener("abort", onAbort);
    throw error;
  }
  let pending = false;
  let wake: (() => void) | undefined;
  const woken = () => {
    pending = true;
    wake?.();
  };
  stream.on("data", woken);
  stop.signal.addEventListener("abort", () => wake?.(), { once: true });
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
      signal.removeEventListener("abort", onAbort);
      stream.removeListener("data", woken);
      stop.abort();
    },
  };
}
