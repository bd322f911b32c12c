import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { BASE_IMAGE_LABEL } from "../kernel/run-labels.ts";
import { addOfficialAptConfig, cleanDebianRootfs, slimDebianRootfs } from "./debian-rootfs.ts";
import { OfflineBuildFailedError, OfflineBuilderUnavailableError } from "./errors.ts";
import { findExecutable, isRoot } from "./host-tools.ts";
import { importDirectory } from "./import-directory.ts";
import { type BaseImageTools, DEFAULT_PATH_ENV, type OfflineBuildOptions } from "./offline-builder.ts";
import { runCommand } from "./run-command.ts";
import { withTempDir } from "./temp-dir.ts";

const SUITE = "bookworm";
const MIRROR = "http://deb.debian.org/debian";

/** debootstrap prints a line per package downloaded or installed; this long without one means it is stuck. */
const IDLE_TIMEOUT_MS = 120_000;

/** debootstrap's per-package chatter (hundreds of lines); everything else it says is worth showing. */
const PER_PACKAGE = /^I: (Retrieving|Validating|Extracting|Unpacking|Configuring) \S+/;

/**
 * Builds a Debian 12 slim image as `ref` from Debian's package mirror, with no registry: debootstrap
 * (minbase), cleaned and slimmed like the official image, imported with `CMD ["bash"]`.
 * Resolves with the Debian version it installed (/etc/debian_version, e.g. "12.11").
 */
export async function buildOfflineDebian({ images }: BaseImageTools, ref: string, options: OfflineBuildOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  const debootstrap = await requireTools(ref);
  return withTempDir("dockgrade-debian-", async (dir) => {
    const rootfs = join(dir, "rootfs");
    onProgress?.(`${ref}: debootstrap --variant=minbase ${SUITE} from ${MIRROR} (about 30 s)`);
    // A private mount namespace holds the /proc and /sys debootstrap mounts in the chroot: they vanish
    // with it even if debootstrap is killed, so the host never sees them and the temp dir can be deleted.
    // unshare ignores SIGTERM while it waits, so abort kills it; --kill-child then takes debootstrap down.
    let retrieved = 0;
    const namespace = ["--mount", "--propagation", "private", "--pid", "--fork", "--kill-child"];
    const { exitCode, tail, stalled } = await runCommand("unshare", [...namespace, debootstrap, "--variant=minbase", SUITE, rootfs, MIRROR], {
      signal,
      killSignal: "SIGKILL",
      idleTimeoutMs: IDLE_TIMEOUT_MS,
      onLine: (line) => {
        if (!PER_PACKAGE.test(line)) onProgress?.(`${ref}: ${line}`);
        else if (line.startsWith("I: Retrieving") && ++retrieved % 20 === 0) onProgress?.(`${ref}: ${retrieved} packages downloaded`);
      },
    });
    if (exitCode !== 0) {
      const step = stalled ? `running debootstrap: it printed nothing for ${IDLE_TIMEOUT_MS / 1000} s` : `running debootstrap (exit code ${exitCode})`;
      throw new OfflineBuildFailedError(
        ref,
        step,
        tail,
        `Check that ${MIRROR} is reachable from this machine (\`curl -I ${MIRROR}/dists/${SUITE}/InRelease\`) and that ${dirname(dir)} has 300 MB free.`,
      );
    }
    await cleanDebianRootfs(rootfs);
    await slimDebianRootfs(rootfs);
    await addOfficialAptConfig(rootfs);
    const version = (await readFile(join(rootfs, "etc/debian_version"), "utf8")).trim();
    onProgress?.(`${ref}: importing Debian ${version} into the Docker Engine`);
    await importDirectory(images, rootfs, ref, {
      labels: { [BASE_IMAGE_LABEL]: "offline:debootstrap", "org.opencontainers.image.version": version },
      changes: [DEFAULT_PATH_ENV, 'CMD ["bash"]'],
      signal,
    });
    return version;
  });
}

/** debootstrap needs root (chroot, mknod, chown); it and unshare must be installed. */
async function requireTools(ref: string): Promise<string> {
  if (!isRoot()) {
    throw new OfflineBuilderUnavailableError(
      ref,
      "debootstrap must run as root and dockgrade is not root",
      "Run dockgrade as root (e.g. `sudo npm run grade ...`) once so it can build the image",
    );
  }
  const debootstrap = await findExecutable("debootstrap");
  if (debootstrap === undefined) {
    throw new OfflineBuilderUnavailableError(ref, "debootstrap is not installed", "Install it: apt-get install debootstrap");
  }
  if ((await findExecutable("unshare")) === undefined) {
    throw new OfflineBuilderUnavailableError(ref, "unshare is not installed", "Install it: apt-get install util-linux");
  }
  return debootstrap;
}
