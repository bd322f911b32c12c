import { setTimeout as sleep } from "node:timers/promises";

/**
 * Asks `probe` until it answers (anything but undefined) or the deadline passes; the last ask
 * happens at or after the deadline, so a state reached just in time is still seen. The check's
 * signal stops the wait when its own time is up.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: { deadline: number; intervalMs: number; signal: AbortSignal }): Promise<T | undefined> {
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    const left = options.deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(options.intervalMs, left), undefined, { signal: options.signal });
  }
}

export function secondsSince(startMs: number): string {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}
