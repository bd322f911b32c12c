import type Dockerode from "dockerode";
import type { BoundPorts, WaitStrategy } from "testcontainers";

/**
 * Ready as soon as the engine reports the container started. testcontainers' default wait knocks
 * on every published port from the host it resolved, which, when the grader itself runs in a
 * container, is the bridge gateway (172.17.0.1): an address outside the networks the grader
 * creates, where it must send nothing. `up` already waits for the conditions the project declares
 * (`depends_on: service_healthy`), and each check waits for what it measures, within its budget.
 */
export class NoConnectionWait implements WaitStrategy {
  private startupTimeoutMs: number | undefined;

  async waitUntilReady(_container: Dockerode.Container, _boundPorts: BoundPorts, _startTime?: Date): Promise<void> {}

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutMs !== undefined;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs ?? 60_000;
  }
}
