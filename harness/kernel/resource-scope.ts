/**
 * Owns what a grading run started (images, containers, networks) and tears it all down, newest
 * first, even when a check threw. Teardown never throws: a failure to remove one thing must not
 * leave the others behind; the failures are returned for the report and the label sweep.
 */
export class ResourceScope implements AsyncDisposable {
  private readonly teardowns: { name: string; run: () => Promise<void> }[] = [];
  readonly teardownFailures: string[] = [];

  adopt<T extends AsyncDisposable>(name: string, resource: T): T {
    this.defer(name, async () => resource[Symbol.asyncDispose]());
    return resource;
  }

  defer(name: string, teardown: () => Promise<void>): void {
    this.teardowns.push({ name, run: teardown });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const teardown of this.teardowns.splice(0).reverse()) {
      try {
        await teardown.run();
      } catch (error) {
        this.teardownFailures.push(`${teardown.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
