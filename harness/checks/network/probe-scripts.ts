import { absoluteName, type TcpProbe } from "./probe-plan.ts";

/**
 * The shell the probe container runs (busybox 1.35+: its small `nc` has no `-z`, but `-e true`
 * closes as soon as the connection is made) and the reading of what it prints. Pure: the scripts
 * are built from targets that `probe-plan.ts` already let through.
 */
export const CONNECT_TIMEOUT_SECONDS = 2;
const MARK = "dockgrade-probe";

export type TcpOutcome = "open" | "refused" | "timeout" | "unreachable" | "unresolved" | "failed" | "no-answer";

export interface TcpResult {
  readonly probe: TcpProbe;
  readonly outcome: TcpOutcome;
  /** What nc said, when it said something. */
  readonly message: string;
}

/** Every probe at once, in the background: a blocked pair costs the connect timeout, not one per probe. */
export function tcpProbeScript(probes: readonly TcpProbe[]): string {
  const lines = probes.map((probe, index) => {
    const host = probe.target.kind === "name" ? absoluteName(probe.target.name) : probe.target.address;
    return `probe ${index} '${host}' ${probe.port} &`;
  });
  return ["set -f", `probe() { out=$(nc -w ${CONNECT_TIMEOUT_SECONDS} "$2" "$3" -e true 2>&1); echo ${MARK} "$1" $? $out; }`, ...lines, "wait"].join("\n");
}

export function parseTcpProbeOutput(probes: readonly TcpProbe[], output: string): TcpResult[] {
  const answers = new Map<number, { rc: number; message: string }>();
  for (const line of output.split("\n")) {
    const match = new RegExp(`^${MARK} (\\d+) (\\d+) ?(.*)$`).exec(line.trim());
    if (match) answers.set(Number(match[1]), { rc: Number(match[2]), message: (match[3] ?? "").trim() });
  }
  return probes.map((probe, index) => {
    const answer = answers.get(index);
    if (!answer) return { probe, outcome: "no-answer", message: "" };
    return { probe, outcome: classifyNc(answer.rc, answer.message), message: answer.message };
  });
}

export function classifyNc(rc: number, message: string): TcpOutcome {
  if (rc === 0) return "open";
  if (/refused/i.test(message)) return "refused";
  if (/timed out/i.test(message)) return "timeout";
  if (/unreachable/i.test(message)) return "unreachable";
  if (/bad address|not known|resolve/i.test(message)) return "unresolved";
  return "failed";
}

/** An A query to the embedded DNS itself (127.0.0.11 is in the service's own namespace). */
export function dnsProbeScript(name: string): string {
  return `nslookup -type=a '${absoluteName(name)}' 127.0.0.11 2>&1; echo ${MARK}-rc $?`;
}

/** The addresses of the answer: busybox prints the server first, then `Name:` and `Address:` lines. */
export function parseNslookup(output: string): { readonly addresses: readonly string[]; readonly answered: boolean } {
  const lines = output.split("\n").map((line) => line.trim());
  const firstName = lines.findIndex((line) => line.startsWith("Name:"));
  const addresses =
    firstName < 0
      ? []
      : lines
          .slice(firstName)
          .map((line) => /^Address(?: \d+)?:\s*([0-9.]+)$/.exec(line)?.[1])
          .filter((address): address is string => address !== undefined);
  return { addresses: [...new Set(addresses)], answered: lines.some((line) => line === `${MARK}-rc 0`) };
}

/** IPv4 and IPv6 routes of the namespace, one per line. */
export const ROUTES_SCRIPT = "ip -4 route; ip -6 route 2>/dev/null; true";

export function defaultRoutes(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^default\b/.test(line));
}
