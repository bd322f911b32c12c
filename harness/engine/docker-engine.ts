import Docker from "dockerode";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BuildxImageBuilder } from "./clients/buildx-builder.ts";
import { DockerComposeClient } from "./clients/compose-client.ts";
import { DockerContainerClient } from "./clients/container-client.ts";
import { DockerImageClient } from "./clients/image-client.ts";
import { DockerNetworkClient } from "./clients/network-client.ts";
import { DockerVolumeClient } from "./clients/volume-client.ts";
import type { EndpointCandidate } from "./endpoint-discovery.ts";
import type { Engine, EngineInfo } from "./engine.ts";

export class DockerEngine implements Engine {
  readonly images;
  readonly builder;
  readonly containers;
  readonly networks;
  readonly volumes;
  readonly compose;

  constructor(
    readonly endpoint: EndpointCandidate,
    private readonly docker: Docker,
  ) {
    this.builder = new BuildxImageBuilder(endpoint.host);
    this.images = new DockerImageClient(docker);
    this.containers = new DockerContainerClient(docker);
    this.networks = new DockerNetworkClient(docker);
    this.volumes = new DockerVolumeClient(docker);
    this.compose = new DockerComposeClient(docker, this.containers, endpoint.host);
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

/** dockerode options for a DOCKER_HOST-style address (unix, tcp with optional TLS, ssh, npipe). */
export function dockerodeOptions(host: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const url = new URL(host);
  if (url.protocol === "unix:" || url.protocol === "npipe:") return { socketPath: url.pathname };
  if (url.protocol === "ssh:") {
    return { protocol: "ssh", host: url.hostname, port: url.port || 22, username: url.username || undefined };
  }
  const tls = env["DOCKER_TLS_VERIFY"] === "1" && env["DOCKER_CERT_PATH"];
  const certs = tls
    ? {
        ca: readFileSync(join(tls, "ca.pem")),
        cert: readFileSync(join(tls, "cert.pem")),
        key: readFileSync(join(tls, "key.pem")),
      }
    : {};
  return { protocol: tls ? "https" : "http", host: url.hostname, port: url.port || (tls ? 2376 : 2375), ...certs };
}
