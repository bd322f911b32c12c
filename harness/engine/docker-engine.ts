import type Docker from "dockerode";
import { BuildxImageBuilder } from "./clients/buildx-builder.ts";
import { DockerComposeClient } from "./clients/compose-client.ts";
import { DockerContainerClient } from "./clients/container-client.ts";
import { DockerImageClient } from "./clients/image-client.ts";
import { DockerNetworkClient } from "./clients/network-client.ts";
import { DockerVolumeClient } from "./clients/volume-client.ts";
import type { EndpointCandidate } from "./endpoint-discovery.ts";
import { DockerScriptClient } from "./script/script-client.ts";
import type { Engine, EngineInfo } from "./engine.ts";

export class DockerEngine implements Engine {
  readonly images;
  readonly builder;
  readonly containers;
  readonly networks;
  readonly volumes;
  readonly compose;
  readonly scripts;

  constructor(
    readonly endpoint: EndpointCandidate,
    private readonly docker: Docker,
  ) {
    this.builder = new BuildxImageBuilder(endpoint.host, docker);
    this.images = new DockerImageClient(docker);
    this.containers = new DockerContainerClient(docker);
    this.networks = new DockerNetworkClient(docker);
    this.volumes = new DockerVolumeClient(docker);
    this.compose = new DockerComposeClient(docker, this.containers, endpoint.host);
    this.scripts = new DockerScriptClient(docker, endpoint.host, this.containers);
  }

  async info(): Promise<EngineInfo> {
    const [info, version] = await Promise.all([this.docker.info(), this.docker.version()]);
    return {
      serverVersion: version.Version,
      apiVersion: version.ApiVersion,
      os: info.OperatingSystem,
      architecture: info.Architecture,
      cgroupVersion: info.CgroupVersion ?? "unknown",
      storageDriver: info.Driver,
      dockerRootDir: info.DockerRootDir,
      cpus: info.NCPU,
      memoryBytes: info.MemTotal,
      name: info.Name,
    };
  }

  async volumeSizes(): Promise<ReadonlyMap<string, number>> {
    // dockerode's df() sends no query: `type=volume` spares the engine the images and build cache.
    const usage = await new Promise<{ Volumes?: { Name: string; UsageData?: { Size: number } }[] }>((resolve, reject) => {
      this.docker.modem.dial(
        { path: "/system/df?", method: "GET", options: { type: "volume" }, statusCodes: { 200: true, 500: "server error" } },
        (error, data) => (error ? reject(error) : resolve(data as { Volumes?: { Name: string; UsageData?: { Size: number } }[] })),
      );
    });
    // -1: the engine could not tell (a volume driver that does not report sizes).
    return new Map((usage.Volumes ?? []).filter((volume) => (volume.UsageData?.Size ?? -1) >= 0).map((volume) => [volume.Name, volume.UsageData?.Size ?? 0]));
  }
}
