import { GenericContainer } from "testcontainers";
import { limitedHostConfig, type ContainerLimits } from "./container-limits.ts";

/**
 * testcontainers' container with the run's ceilings: it has no builder for the pids limit, swap,
 * log options or the stop timeout, so they go straight into what it sends to the engine.
 */
export class LimitedContainer extends GenericContainer {
  withLimits(limits: ContainerLimits): this {
    Object.assign(this.hostConfig, limitedHostConfig(limits));
    this.createOpts.StopTimeout = limits.stopTimeoutSeconds;
    return this;
  }
}
