import { existsSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { isInside } from "../submission/inside-root.ts";

/**
 * Where a path written in a Compose file leads on the grader's machine. `variable`: it holds a
 * `${VAR}` and cannot be judged before interpolation; `remote`: a URL, a git or image reference.
 */
export type PathVerdict =
  | { readonly kind: "inside"; readonly real: string }
  | { readonly kind: "outside"; readonly real: string }
  | { readonly kind: "socket"; readonly real: string }
  | { readonly kind: "remote" }
  | { readonly kind: "variable" };

/** How paths meet the file system: the real one, or a lexical stand-in for pure tests. */
export interface HostView {
  /** The path with every symbolic link of its deepest existing ancestor resolved; the rest appended. */
  realPath(path: string): string;
  isSocket(realPath: string): boolean;
  /** Exists and is neither a regular file nor a folder: a FIFO or a device would hang or flood a reader. */
  isSpecial(realPath: string): boolean;
}

export const lexicalView: HostView = { realPath: (path) => path, isSocket: () => false, isSpecial: () => false };

export const diskView: HostView = {
  realPath(path) {
    let existing = path;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    return join(realpathSync(existing), relative(existing, path));
  },
  isSocket(realPath) {
    try {
      return statSync(realPath).isSocket();
    } catch {
      return false;
    }
  },
  isSpecial(realPath) {
    try {
      const info = statSync(realPath);
      return !info.isFile() && !info.isDirectory();
    } catch {
      return false;
    }
  },
};

const REMOTE = [/^[a-z][a-z0-9+.-]*:\/\//i, /^git@/i, /^github\.com\//i];
/** Engine and runtime sockets by name, wherever they live: mounting one hands over the host. */
const SOCKET_NAMES = new Set(["docker.sock", "containerd.sock", "podman.sock", "dockershim.sock", "crio.sock"]);

export function isRemoteReference(value: string): boolean {
  return REMOTE.some((pattern) => pattern.test(value));
}

/**
 * Judges a host path as Compose would use it: relative paths resolve against `base` (Compose
 * cleans `..` lexically before the engine sees the path), then symbolic links are followed, so a
 * link inside the submission that leads out counts as outside. `engineSockets` are the socket
 * paths of the engine the grader talks to; `interpolated` says Compose already replaced variables.
 */
export function classifyHostPath(
  value: string,
  base: string,
  root: string,
  view: HostView,
  options: { readonly engineSockets?: readonly string[]; readonly interpolated?: boolean } = {},
): PathVerdict {
  if (isRemoteReference(value)) return { kind: "remote" };
  // After interpolation a `$` is a literal character (written `$$`), not a variable.
  if (value.includes("$") && !options.interpolated) return { kind: "variable" };
  const expanded = value === "~" || value.startsWith("~/") ? join(homedir(), value.slice(1)) : value;
  const real = view.realPath(isAbsolute(expanded) ? resolve(expanded) : resolve(base, expanded));
  if (SOCKET_NAMES.has(basename(real)) || options.engineSockets?.includes(real) || view.isSocket(real)) return { kind: "socket", real };
  return isInside(root, real) ? { kind: "inside", real } : { kind: "outside", real };
}

/** The socket path of a `unix://` engine endpoint, and the standard ones. */
export function engineSocketPaths(endpointHost: string): string[] {
  const own = endpointHost.startsWith("unix://") ? [endpointHost.slice("unix://".length)] : [];
  return [...own, "/var/run/docker.sock", "/run/docker.sock"];
}
