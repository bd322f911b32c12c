/**
 * Something several checks share, set up on first use and torn down with the run. Identity is the
 * object itself: define fixtures as module constants or memoize their factories.
 */
export interface FixtureRecord<T, Context> {
  readonly name: string;
  setUp(ctx: Context): Promise<T>;
}

/** Memoizes fixtures for one run; a failed set-up is remembered too, so it is not retried per check. */
export class FixtureCache<Context> {
  private readonly values = new Map<FixtureRecord<unknown, Context>, Promise<unknown>>();

  constructor(private readonly ctx: Context) {}

  use<T>(fixture: FixtureRecord<T, Context>): Promise<T> {
    let value = this.values.get(fixture) as Promise<T> | undefined;
    if (!value) {
      value = fixture.setUp(this.ctx);
      // The failure is reported by the check that awaits it; this keeps Node from calling it unhandled.
      value.catch(() => undefined);
      this.values.set(fixture, value);
    }
    return value;
  }
}
