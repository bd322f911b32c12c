/**
 * Resource limits as the kernel enforces them, read from inside the container. cgroup v1 (this
 * project's CI) and v2 (most students' machines: Docker Desktop, recent distributions) lay the files
 * out differently; both are read by one script and parsed by pure code.
 */

/** A value the kernel enforces, `unlimited`, or `unreadable` when the controller is not there. */
export type Enforced = number | "unlimited" | "unreadable";

export interface CgroupLimits {
  readonly version: 1 | 2;
  readonly memoryBytes: Enforced;
  readonly cpus: Enforced;
  readonly pids: Enforced;
}

/**
 * Prints `version=N` then `file=value` lines. On v2 the container normally has its own cgroup
 * namespace (its cgroup is the root it sees); with `cgroupns: host` it sees the whole tree, and
 * /proc/self/cgroup (`0::/path`) says where its own files are. An exec joins the container's cgroup.
 */
export const READ_CGROUP_LIMITS_SCRIPT = `root=/sys/fs/cgroup
if [ -e "$root/cgroup.controllers" ]; then
  echo version=2
  own=$(sed -n 's/^0:://p' /proc/self/cgroup)
  dir="$root\${own%/}"
  [ -e "$dir/memory.max" ] || [ -e "$dir/pids.max" ] || dir="$root"
  for f in memory.max cpu.max pids.max; do [ -r "$dir/$f" ] && echo "$f=$(cat "$dir/$f")"; done
else
  echo version=1
  for f in memory/memory.limit_in_bytes cpu/cpu.cfs_quota_us cpu/cpu.cfs_period_us pids/pids.max; do
    [ -r "$root/$f" ] && echo "$f=$(cat "$root/$f")"
  done
fi
true`;

/** v1 spells "no memory limit" as the largest page-aligned counter, 2^63 - page size. */
const V1_UNLIMITED_MEMORY = 2 ** 62;

export function parseCgroupReadings(output: string): CgroupLimits {
  const values = new Map<string, string>();
  for (const line of output.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const version = values.get("version");
  if (version === "2") {
    return {
      version: 2,
      memoryBytes: count(values.get("memory.max")),
      cpus: cpuMax(values.get("cpu.max")),
      pids: count(values.get("pids.max")),
    };
  }
  if (version === "1") {
    const memory = count(values.get("memory/memory.limit_in_bytes"));
    return {
      version: 1,
      memoryBytes: typeof memory === "number" && memory >= V1_UNLIMITED_MEMORY ? "unlimited" : memory,
      cpus: cfsQuota(values.get("cpu/cpu.cfs_quota_us"), values.get("cpu/cpu.cfs_period_us")),
      pids: count(values.get("pids/pids.max")),
    };
  }
  throw new Error(`cannot tell the cgroup version from:\n${output.slice(0, 500)}`);
}

/** `max` or a whole number (memory.max, pids.max, memory.limit_in_bytes). */
function count(raw: string | undefined): Enforced {
  if (raw === undefined || raw === "") return "unreadable";
  if (raw === "max") return "unlimited";
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : "unreadable";
}

/** v2 cpu.max: `<quota> <period>` in microseconds, quota `max` for none. */
function cpuMax(raw: string | undefined): Enforced {
  if (raw === undefined || raw === "") return "unreadable";
  const [quota, period] = raw.split(/\s+/);
  return cfsQuota(quota === "max" ? "-1" : quota, period);
}

/** v1 cfs_quota_us is -1 for none; CPUs = quota / period. */
function cfsQuota(quotaRaw: string | undefined, periodRaw: string | undefined): Enforced {
  if (quotaRaw === undefined || periodRaw === undefined) return "unreadable";
  const quota = Number(quotaRaw);
  const period = Number(periodRaw);
  if (!Number.isFinite(quota) || !Number.isFinite(period) || period <= 0) return "unreadable";
  return quota < 0 ? "unlimited" : quota / period;
}
