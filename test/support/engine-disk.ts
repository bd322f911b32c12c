import Docker from "dockerode";
import { dockerodeOptions } from "../../harness/engine/dockerode-options.ts";
import type { Engine } from "../../harness/engine/engine.ts";

interface DiskUsage {
  readonly LayersSize?: number;
  readonly BuildCache?: readonly { readonly Size?: number }[] | null;
}

/** What the engine's disk holds for builds: its image layers and its build cache, as `docker system df` counts them. */
export async function engineDiskInUse(engine: Engine): Promise<number> {
  const docker = new Docker(dockerodeOptions(engine.endpoint.host));
  const [images, cache] = await Promise.all(["image", "build-cache"].map((type) => systemDf(docker, type)));
  return (images?.LayersSize ?? 0) + (cache?.BuildCache ?? []).reduce((sum, record) => sum + (record.Size ?? 0), 0);
}

function systemDf(docker: Docker, type: string): Promise<DiskUsage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ path: "/system/df?", method: "GET", options: { type }, statusCodes: { 200: true, 500: "server error" } }, (error, data) =>
      error ? reject(error) : resolve(data as DiskUsage),
    );
  });
}
