/**
 * Linux capabilities by bit number (include/uapi/linux/capability.h, up to Linux 6.x), without the
 * `CAP_` prefix, as Docker and Compose spell them in `cap_add` and `cap_drop`.
 */
export const CAPABILITIES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "KILL",
  "SETGID",
  "SETUID",
  "SETPCAP",
  "LINUX_IMMUTABLE",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "IPC_OWNER",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_CHROOT",
  "SYS_PTRACE",
  "SYS_PACCT",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_NICE",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "MKNOD",
  "LEASE",
  "AUDIT_WRITE",
  "AUDIT_CONTROL",
  "SETFCAP",
  "MAC_OVERRIDE",
  "MAC_ADMIN",
  "SYSLOG",
  "WAKE_ALARM",
  "BLOCK_SUSPEND",
  "AUDIT_READ",
  "PERFMON",
  "BPF",
  "CHECKPOINT_RESTORE",
] as const;

export type CapabilityName = (typeof CAPABILITIES)[number];

/** `net_bind_service`, `CAP_NET_BIND_SERVICE` and `NET_BIND_SERVICE` are the same capability. */
export function normaliseCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, "");
}

/**
 * The names in a capability mask as /proc/<pid>/status prints it (`CapEff: 00000000a80425fb`),
 * lowest bit first. A bit newer than this list reads `CAP_<bit>` rather than being dropped: an
 * unknown capability held is still a capability held.
 */
export function decodeCapabilities(hexMask: string): string[] {
  const mask = hexMask.trim();
  if (!/^(0x)?[0-9a-fA-F]{1,16}$/.test(mask)) throw new Error(`not a capability mask: "${hexMask}"`);
  const value = BigInt(mask.startsWith("0x") ? mask : `0x${mask}`);
  const names: string[] = [];
  for (let bit = 0; bit < 64; bit++) {
    if ((value >> BigInt(bit)) & 1n) names.push(CAPABILITIES[bit] ?? `CAP_${bit}`);
  }
  return names;
}

/** The capabilities in `held` that `allowed` does not list, in `held`'s order. */
export function extraCapabilities(held: readonly string[], allowed: readonly string[]): string[] {
  const permitted = new Set(allowed.map(normaliseCapability));
  return held.filter((name) => !permitted.has(normaliseCapability(name)));
}
