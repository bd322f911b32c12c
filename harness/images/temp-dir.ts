import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

/** A temp dir that cannot be removed safely because something is still mounted inside it. */
export class TempDirBusyError extends Error {
  readonly hint: string;

  constructor(
    readonly dir: string,
    readonly mounts: readonly string[],
  ) {
    super(`Left ${dir} in place: ${mounts.join(", ")} ${mounts.length === 1 ? "is" : "are"} still mounted inside it.`);
    this.name = "TempDirBusyError";
    this.hint = `Run \`umount -R ${mounts[0] ?? dir}\` for each of them, then \`rm -rf ${dir}\`.`;
  }
}

/** Runs `work` in a fresh directory under os.tmpdir() and removes the directory afterwards, whatever happened. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  try {
    return await work(dir);
  } finally {
    await removeTempDir(dir);
  }
}

/**
 * A recursive delete crosses mount points: with the host's /dev or /proc mounted in a chroot it would
 * delete through them. So it refuses when anything is mounted below `dir`.
 */
async function removeTempDir(dir: string): Promise<void> {
  const mounts = await mountsUnder(dir);
  if (mounts.length > 0) throw new TempDirBusyError(dir, mounts);
  // Retries cover processes of an aborted build that are still dying and writing as we delete.
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
}

async function mountsUnder(dir: string): Promise<string[]> {
  const table = await readFile("/proc/self/mountinfo", "utf8").catch(() => "");
  return table
    .split("\n")
    .map((line) => decodeMountPath(line.split(" ")[4] ?? ""))
    .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(dir + sep));
}

/** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
function decodeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
