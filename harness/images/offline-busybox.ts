import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BUILD_DISK_LIMITS } from "../engine/build/build-disk-limits.ts";
import { BASE_IMAGE_LABEL } from "../kernel/run-labels.ts";
import { GROUP, PASSWD, SHADOW } from "./busybox-skeleton.ts";
import { BUSYBOX_BUILD_BASE, BUSYBOX_VERSION, busyboxDockerfile, SKELETON_DIR } from "./busybox-source.ts";
import { OfflineBuildFailedError } from "./errors.ts";
import type { BaseImageTools, OfflineBuildOptions } from "./offline-builder.ts";
import { withTempDir } from "./temp-dir.ts";

/**
 * A first build downloads the toolchain and compiles for about a minute on two cores; a slow mirror
 * or a small machine gets ten times that before the build is called stuck.
 */
const BUILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Builds busybox as `ref` from upstream's source with BuildKit (busybox-source.ts), with no registry:
 * what `ref` names must already be decided to be busybox BUSYBOX_VERSION (base-image-plan.ts), and
 * BUSYBOX_BUILD_BASE must be present. Resolves with the version.
 */
export async function buildOfflineBusybox(tools: BaseImageTools, ref: string, options: OfflineBuildOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  return withTempDir("dockgrade-busybox-", async (dir) => {
    await mkdir(join(dir, SKELETON_DIR));
    await Promise.all([
      writeFile(join(dir, "Dockerfile"), busyboxDockerfile()),
      writeFile(join(dir, SKELETON_DIR, "passwd"), PASSWD),
      writeFile(join(dir, SKELETON_DIR, "group"), GROUP),
      writeFile(join(dir, SKELETON_DIR, "shadow"), SHADOW),
    ]);
    onProgress?.(
      `${ref}: compiling busybox ${BUSYBOX_VERSION} from source in ${BUSYBOX_BUILD_BASE} (about a minute the first time, seconds from BuildKit's cache)`,
    );
    const outcome = await tools.builder.build({
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag: ref,
      labels: { [BASE_IMAGE_LABEL]: "offline:busybox-source", "org.opencontainers.image.version": BUSYBOX_VERSION },
      timeoutMs: BUILD_TIMEOUT_MS,
      diskLimits: BUILD_DISK_LIMITS,
      ...(signal ? { signal } : {}),
    });
    signal?.throwIfAborted();
    if (!outcome.ok) {
      throw new OfflineBuildFailedError(
        ref,
        `building busybox ${BUSYBOX_VERSION} from source (${outcome.reason})`,
        outcome.log.split("\n").slice(-40).join("\n"),
        "Check that http://deb.debian.org/debian is reachable from containers (`docker run --rm debian:12-slim apt-get update`) and that the engine has 1 GB free.",
      );
    }
    return BUSYBOX_VERSION;
  });
}
