import { constants } from "node:fs";
import { access, readdir, readFile, readlink, realpath } from "node:fs/promises";
import { basename, join } from "node:path";
import { $ } from "zx";

/**
 * Ceilings for a build's RUN steps. A course build compiles one small C program or copies shell
 * scripts: tens of processes, a few hundred MiB. 512 processes stop a fork bomb long before the
 * machine's limit; 2 GiB (swap included) stops a memory hog before the grader and the engine run short.
 */
export const BUILD_PIDS_MAX = 512;
export const BUILD_MEMORY_BYTES = 2 * 1024 ** 3;

/** Where the grader can put a build's RUN steps, or why it cannot. */
export type BuildSandboxSupport =
  | { readonly available: true; readonly cgroupVersion: "1"; readonly pidsMount: string; readonly memoryMount: string; readonly mounts: readonly string[] }
  | { readonly available: true; readonly cgroupVersion: "2"; readonly unifiedMount: string; readonly mounts: readonly string[] }
  | { readonly available: false; readonly reason: string };

/** One line for `doctor`. */
export function describeBuildSandbox(support: BuildSandboxSupport): string {
  return support.available
    ? `cgroup pids≤${BUILD_PIDS_MAX} mem≤${BUILD_MEMORY_BYTES / 1024 ** 3}GiB (cgroup v${support.cgroupVersion})`
    : `off (${support.reason})`;
}

/**
 * `docker buildx build --cgroup-parent` names a cgroup in the daemon's cgroup file system: the
 * grader can prepare it only where that file system is its own. So: a unix socket served by a
 * dockerd process this machine sees, in the grader's mount and cgroup namespaces (not Docker
 * Desktop's VM, not a remote host, not rootless dockerd in its own namespaces), the cgroupfs driver
 * (the systemd driver only takes `.slice` units, which the grader does not manage), and a cgroup
 * hierarchy with pids and memory that the grader may write to.
 */
export async function detectBuildSandbox(engineHost: string): Promise<BuildSandboxSupport> {
  if (process.platform !== "linux") return off(`the grader runs on ${process.platform}, and its engine in a VM whose cgroups it cannot reach`);
  if (!engineHost.startsWith("unix://")) return off(`the engine is reached at ${engineHost}: its cgroups are not on this machine`);
  // `--cgroup-parent` names a cgroup from the root of the hierarchy, which only root may create.
  if (process.getuid?.() !== 0) return off("the grader does not run as root, and only root may create a cgroup where dockerd looks for it");
  const daemon = await daemonServing(engineHost.slice("unix://".length));
  if (!daemon) return off("no dockerd process on this machine serves the engine's socket (Docker Desktop, a VM, or another container)");
  for (const namespace of ["mnt", "cgroup"]) {
    const [ours, theirs] = await Promise.all(
      [readlink(`/proc/self/ns/${namespace}`), readlink(`/proc/${daemon}/ns/${namespace}`)].map((link) => link.catch(() => undefined)),
    );
    if (!ours || ours !== theirs)
      return off(`dockerd runs in another ${namespace} namespace (rootless, or the grader runs in a container), where the grader's cgroups are not its own`);
  }
  const { DOCKER_CONTEXT: _context, ...env } = process.env;
  const info = await $({
    nothrow: true,
    quiet: true,
    env: { ...env, DOCKER_HOST: engineHost },
  })`docker info --format ${"{{.CgroupDriver}} {{.CgroupVersion}}"}`;
  if (info.exitCode !== 0) return off(`\`docker info\` failed: ${info.stderr.trim()}`);
  const [driver, version] = info.stdout.trim().split(" ");
  if (driver !== "cgroupfs")
    return off(`the engine uses the ${driver} cgroup driver; the grader prepares cgroupfs cgroups only (a systemd driver needs a .slice unit)`);
  const mounts = await cgroupMounts();
  if (version === "1") {
    const pids = mounts.find((mount) => mount.controllers.includes("pids"));
    const memory = mounts.find((mount) => mount.controllers.includes("memory"));
    if (!pids || !memory) return off("the pids or memory cgroup controller is not mounted");
    if (pids.root !== "/" || memory.root !== "/")
      return off("the cgroup hierarchies are mounted from a sub-tree, where dockerd's paths do not match the grader's");
    if (!(await writable(pids.path)) || !(await writable(memory.path))) return off("the cgroup file system is mounted read-only");
    return { available: true, cgroupVersion: "1", pidsMount: pids.path, memoryMount: memory.path, mounts: mounts.map((mount) => mount.path) };
  }
  const unified = mounts.find((mount) => mount.unified);
  if (version !== "2" || !unified) return off(`cgroup version ${version} is not one the grader knows`);
  if (unified.root !== "/") return off("the cgroup hierarchy is mounted from a sub-tree, where dockerd's paths do not match the grader's");
  const delegated = (await readFile(join(unified.path, "cgroup.subtree_control"), "utf8").catch(() => "")).split(/\s+/);
  if (!delegated.includes("pids") || !delegated.includes("memory"))
    return off("the root cgroup does not enable the pids and memory controllers for its children");
  if (!(await writable(unified.path))) return off("the cgroup file system is mounted read-only");
  return { available: true, cgroupVersion: "2", unifiedMount: unified.path, mounts: [unified.path] };
}

function off(reason: string): BuildSandboxSupport {
  return { available: false, reason };
}

/**
 * The dockerd process listening on the socket: the socket's inode from /proc/net/unix, then the
 * dockerd whose open files include it. Only dockerd processes are looked at.
 */
async function daemonServing(socketPath: string): Promise<number | undefined> {
  const wanted = await realpath(socketPath).catch(() => socketPath);
  const table = await readFile("/proc/net/unix", "utf8").catch(() => "");
  const inodes = new Set<string>();
  for (const line of table.split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    const path = fields[7];
    if (!path || basename(path) !== basename(socketPath)) continue;
    if (path === socketPath || (await realpath(path).catch(() => path)) === wanted) inodes.add(`socket:[${fields[6]}]`);
  }
  if (inodes.size === 0) return undefined;
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    if ((await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim() !== "dockerd") continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if (inodes.has(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ""))) return Number(pid);
    }
  }
  return undefined;
}

interface CgroupMount {
  readonly path: string;
  /** The cgroup the mount shows as its root; `/` unless mounted from a sub-tree. */
  readonly root: string;
  readonly controllers: readonly string[];
  readonly unified: boolean;
}

/** Every cgroup hierarchy mounted here (v1 controllers, named hierarchies, the v2 tree), from mountinfo. */
export async function cgroupMounts(): Promise<CgroupMount[]> {
  const mountinfo = await readFile("/proc/self/mountinfo", "utf8");
  return mountinfo
    .split("\n")
    .map((line) => {
      // id parent major:minor root mountpoint options [optional fields] - fstype source super-options
      const [before, after] = line.split(" - ");
      const fields = before?.split(" ") ?? [];
      const [fstype, , superOptions] = after?.split(" ") ?? [];
      return { fstype, root: fields[3], path: fields[4], superOptions: superOptions ?? "" };
    })
    .filter((mount) => (mount.fstype === "cgroup" || mount.fstype === "cgroup2") && mount.path && mount.root)
    .map((mount) => ({
      path: unescapeMountPath(mount.path as string),
      root: mount.root as string,
      controllers: mount.fstype === "cgroup" ? mount.superOptions.split(",") : [],
      unified: mount.fstype === "cgroup2",
    }));
}

/** mountinfo escapes spaces and a few other characters as octal: `\040`. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}
