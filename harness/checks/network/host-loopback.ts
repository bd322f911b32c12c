import { connect } from "node:net";
import { isLoopback } from "../../compose/loopback.ts";
import { ProbeRefusedError } from "./probe-plan.ts";

/**
 * `answered`: the service behind the port spoke (an HTTP status line when asked in HTTP, or kept the
 * connection open). `closed`: something accepted and hung up at once, which is what Docker's
 * userland proxy does when nothing listens in the container.
 */
export type LoopbackOutcome = "answered" | "closed" | "refused" | "timeout" | "failed";

/** How long a silent open connection must stay open to count as a live service. */
const QUIET_OPEN_MS = 400;

/**
 * Published ports are bound on the engine's host. The grader can knock on them from its own
 * loopback only when it runs on that host: a local socket (Linux, Docker Desktop and rootless
 * forward published ports to the user's loopback). Over tcp:// or ssh:// it cannot, and says so.
 */
export function engineIsLocal(endpointHost: string): boolean {
  return endpointHost.startsWith("unix://") || endpointHost.startsWith("npipe://");
}

/**
 * A TCP connection from the grader's process to a loopback address, and nothing else: any other
 * address is refused before a packet leaves. With `http`, a `GET /` is sent and any status line
 * is an answer.
 */
export async function knockLoopback(address: string, port: number, options: { readonly timeoutMs: number; readonly http?: boolean }): Promise<LoopbackOutcome> {
  const host = address.replace(/^\[|\]$/g, "");
  if (!isLoopback(host)) throw new ProbeRefusedError(`${address} is not a loopback address`);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ProbeRefusedError(`${port} is not a TCP port`);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = "";
    let quiet: NodeJS.Timeout | undefined;
    const done = (outcome: LoopbackOutcome) => {
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done("timeout"), options.timeoutMs);
    socket.once("connect", () => {
      if (options.http) socket.write(`GET / HTTP/1.0\r\nHost: ${host.includes(":") ? `[${host}]` : host}:${port}\r\n\r\n`);
      else quiet = setTimeout(() => done("answered"), QUIET_OPEN_MS);
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (!options.http || /^HTTP\/\d/.test(received)) done("answered");
    });
    socket.once("end", () => done(received !== "" && !options.http ? "answered" : "closed"));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED" ? "refused" : error.code === "ECONNRESET" ? "closed" : "failed"));
  });
}

/** The loopback address to knock on for a binding: its own when loopback, the family's loopback for a wildcard. */
export function loopbackFor(hostIp: string): string | undefined {
  if (isLoopback(hostIp)) return hostIp.replace(/^\[|\]$/g, "");
  if (hostIp === "" || hostIp === "0.0.0.0") return "127.0.0.1";
  if (hostIp === "::" || hostIp === "[::]") return "::1";
  return undefined;
}
