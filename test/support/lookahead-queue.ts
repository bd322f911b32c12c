import pLimit from "p-limit";

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Jobs known in advance, read in order by tests that vitest runs one after another: taking one
 * starts it and the next `ahead` ones, `concurrency` at a time, so the engine works on the following
 * cases while a test waits for its own, as a batch overlaps students. Each test still reads only its
 * own job's outcome, and a failure surfaces in the test that takes it, not as an unhandled rejection.
 */
export class LookaheadQueue<T> {
  private readonly started = new Map<string, Promise<Settled<T>>>();
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(
    private readonly keys: readonly string[],
    private readonly job: (key: string) => Promise<T>,
    concurrency: number,
    private readonly ahead = concurrency,
  ) {
    if (new Set(keys).size !== keys.length) throw new Error("LookaheadQueue: duplicate keys");
    this.limit = pLimit(concurrency);
  }

  async take(key: string): Promise<T> {
    const index = this.keys.indexOf(key);
    if (index < 0) throw new Error(`LookaheadQueue: unknown key ${key}`);
    for (const next of this.keys.slice(index, index + 1 + this.ahead)) this.start(next);
    const settled = await (this.started.get(key) as Promise<Settled<T>>);
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  /** Waits for the jobs started ahead of tests that did not run (a `-t` filter), so none outlives the file. */
  async drain(): Promise<void> {
    await Promise.all(this.started.values());
  }

  private start(key: string): void {
    if (this.started.has(key)) return;
    this.started.set(
      key,
      this.limit(() => this.job(key)).then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => ({ ok: false, error }),
      ),
    );
  }
}
