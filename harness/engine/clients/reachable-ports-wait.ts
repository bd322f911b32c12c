import type Dockerode from "dockerode";
import { BoundPorts, Wait, type WaitStrategy } from "testcontainers";

/**
 * testcontainers' default wait (listening ports) knocks on every published port from the engine
 * host it resolved. When the grader itself runs in a container, that host is the bridge gateway
 * (172.17.0.1), where a port published on 127.0.0.1 only can never answer: `up` would time out on
 * a stack that does exactly what the course asks. Ports published on loopback only are therefore
 * left out of the wait, wherever the grader runs (so that a stack starts the same way on every
 * machine); whether they answer is for a check to say. Every other port is waited on as before.
 */
export class ReachablePortsWait implements WaitStrategy {
  private readonly inner = Wait.forListeningPorts();

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts, startTime?: Date): Promise<void> {
    const published = (await container.inspect()).NetworkSettings.Ports ?? {};
    const waited = new BoundPorts();
    for (const [port, hostPort] of boundPorts.iterator()) {
      const bindings = published[port] ?? [];
      const loopbackOnly = bindings.length > 0 && bindings.every((binding) => isLoopback(binding.HostIp));
      if (!loopbackOnly) waited.setBinding(port, hostPort);
    }
    return this.inner.waitUntilReady(container, waited, startTime);
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.inner.withStartupTimeout(startupTimeoutMs);
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.inner.isStartupTimeoutSet();
  }

  getStartupTimeout(): number {
    return this.inner.getStartupTimeout();
  }
}

function isLoopback(hostIp: string): boolean {
  return /^127\./.test(hostIp) || hostIp === "::1";
}
