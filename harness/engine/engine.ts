import type { EndpointCandidate } from "./endpoint-discovery.ts";
import type { ImageBuilder } from "./clients/image-builder.ts";
import type { ComposeClient } from "./clients/compose-client.ts";
import type { ContainerClient } from "./clients/container-client.ts";
import type { ImageClient } from "./clients/image-types.ts";
import type { NetworkClient } from "./clients/network-client.ts";
import type { VolumeClient } from "./clients/volume-client.ts";
import type { ScriptClient } from "./script/script-client.ts";

export interface EngineInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly architecture: string;
  readonly cgroupVersion: string;
  readonly storageDriver: string;
  readonly dockerRootDir: string;
  /** The engine's host name: this machine's own when the engine runs here, not in a VM. */
  readonly name: string;
  /** CPUs and memory the engine may give containers (its VM's on Docker Desktop): what sizes a batch. */
  readonly cpus: number;
  readonly memoryBytes: number;
}

/**
 * The Docker engine as the grader sees it: one interface per kind of object, one Docker
 * implementation each. Passed in to whatever needs it, never reached for as a global.
 */
export interface Engine {
  readonly endpoint: EndpointCandidate;
  readonly images: ImageClient;
  readonly builder: ImageBuilder;
  readonly containers: ContainerClient;
  readonly networks: NetworkClient;
  readonly volumes: VolumeClient;
  readonly compose: ComposeClient;
  /** Students' scripts, in a container of the grader's that reaches the engine only through a filtering proxy. */
  readonly scripts: ScriptClient;
  info(): Promise<EngineInfo>;
  /**
   * Every volume's size in bytes, by name (`docker system df -v`, volumes only). The engine walks
   * every volume of the machine, not only a run's: about 150 ms on the CI machine.
   */
  volumeSizes(): Promise<ReadonlyMap<string, number>>;
}
