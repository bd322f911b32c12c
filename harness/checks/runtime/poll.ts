import { setTimeout as sleep } from "node:timers/promises";
import type { ContainerWatch } from "../../engine/clients/container-watch.ts";

/**
 * Asks `probe` until it answers (anything but undefined) or the deadline passes; the last ask
 * happens at or after the deadline, so a state reached just in time is still seen. The check's
 * signal stops the wait when its own time is up. With `watch`, the next ask comes as soon as the
 * engine reports a change of the container, and at the latest after `intervalMs`.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: { deadline: number; intervalMs: number; signal: AbortSignal; watch?: ContainerWatch },
): Promise<T | undefined> {
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    const left = options.deadline - Date.now();
    if (left <= 0) return undefined;
    const wait = Math.min(options.intervalMs, left);
    if (options.watch) await options.watch.next(wait);
    else await sleep(wait, undefined, { signal: options.signal });
  }
}

export function secondsSince(startMs: number): string {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}
