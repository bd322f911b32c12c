import { readFile, stat } from "node:fs/promises";
import type { ImageClient } from "../engine/clients/image-types.ts";
import { BASE_IMAGE_LABEL } from "../kernel/run-labels.ts";
import { packBusyboxRootfs } from "./busybox-rootfs.ts";
import { OfflineBuildFailedError, OfflineBuilderUnavailableError } from "./errors.ts";
import { findExecutable, isStaticExecutable } from "./host-tools.ts";
import { DEFAULT_PATH_ENV, type OfflineBuildOptions } from "./offline-builder.ts";
import { runCommand } from "./run-command.ts";

const INSTALL_HINT = "Install the static busybox: apt-get install busybox-static";

/**
 * Builds a busybox image as `ref` from the host's static busybox (Debian's busybox-static), with no
 * registry and no root: the root file system is written straight into a tar, nothing touches the disk.
 * Resolves with the busybox version (e.g. "1.35.0"), which need not match the tag asked for.
 */
export async function buildOfflineBusybox(images: ImageClient, ref: string, options: OfflineBuildOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  const busybox = await requireStaticBusybox(ref);
  const version = await busyboxVersion(ref, busybox, signal);
  const applets: string[] = [];
  const list = await runCommand(busybox, ["--list"], { signal, onLine: (line) => applets.push(line.trim()) });
  if (list.exitCode !== 0 || applets.length === 0) {
    throw new OfflineBuildFailedError(ref, "listing the busybox applets", list.tail, INSTALL_HINT);
  }
  onProgress?.(`${ref}: packing busybox ${version} from ${busybox} with ${applets.length} applets`);
  const [binary, { mtime }] = await Promise.all([readFile(busybox), stat(busybox)]);
  await images.importRootfs(packBusyboxRootfs(binary, applets, mtime), ref, {
    labels: { [BASE_IMAGE_LABEL]: "offline:busybox-static", "org.opencontainers.image.version": version },
    changes: [DEFAULT_PATH_ENV, 'CMD ["sh"]'],
    signal,
  });
  return version;
}

/** A dynamic busybox (Debian's `busybox` package) would not even start in an image without a libc. */
async function requireStaticBusybox(ref: string): Promise<string> {
  const busybox = await findExecutable("busybox");
  if (busybox === undefined) throw new OfflineBuilderUnavailableError(ref, "busybox is not installed", INSTALL_HINT);
  if (!(await isStaticExecutable(busybox))) {
    throw new OfflineBuilderUnavailableError(ref, `${busybox} is dynamically linked and cannot run alone in an image`, INSTALL_HINT);
  }
  return busybox;
}

/** The first line of `busybox --help`: "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary." */
async function busyboxVersion(ref: string, busybox: string, signal?: AbortSignal): Promise<string> {
  let firstLine: string | undefined;
  await runCommand(busybox, ["--help"], { signal, onLine: (line) => (firstLine ??= line) });
  const version = /^BusyBox v(\S+)/.exec(firstLine ?? "")?.[1];
  if (version === undefined) throw new OfflineBuildFailedError(ref, "reading the busybox version", firstLine ?? "", INSTALL_HINT);
  return version;
}
