import { describe, expect, it } from "vitest";
import type { TcpProbe } from "../../../harness/checks/network/probe-plan.ts";
import {
  classifyNc,
  defaultRoutes,
  dnsProbeScript,
  parseNslookup,
  parseTcpProbeOutput,
  tcpProbeScript,
} from "../../../harness/checks/network/probe-scripts.ts";

const probes: TcpProbe[] = [
  { target: { kind: "name", name: "db" }, port: 5432 },
  { target: { kind: "address", address: "172.19.0.2" }, port: 5432 },
  { target: { kind: "address", address: "172.20.0.2" }, port: 5432 },
];

describe("probe scripts", () => {
  it("asks for absolute names (no search domain appended) and runs every probe at once", () => {
    const script = tcpProbeScript(probes);
    expect(script).toContain("probe 0 'db.' 5432 &");
    expect(script).toContain("probe 1 '172.19.0.2' 5432 &");
    expect(script.trim().endsWith("wait")).toBe(true);
    expect(dnsProbeScript("database")).toContain("nslookup -type=a 'database.' 127.0.0.11");
  });

  it("reads busybox nc's outcomes, in any order, and marks a probe that never answered", () => {
    const output = ["dockgrade-probe 1 1 nc: can't connect to remote host (172.19.0.2): Connection refused", "dockgrade-probe 0 0"].join("\n");
    expect(parseTcpProbeOutput(probes, output).map((result) => result.outcome)).toEqual(["open", "refused", "no-answer"]);
  });

  it("classifies nc's failures", () => {
    expect(classifyNc(1, "nc: timed out")).toBe("timeout");
    expect(classifyNc(1, "nc: can't connect to remote host (172.18.0.2): Network is unreachable")).toBe("unreachable");
    expect(classifyNc(1, "nc: bad address 'db.'")).toBe("unresolved");
    expect(classifyNc(1, "sh: nc: not found")).toBe("failed");
  });

  it("reads the answer's addresses, not the server's", () => {
    const output =
      "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdatabase\nAddress: 172.19.0.2\n\ndockgrade-probe-rc 0\n";
    expect(parseNslookup(output)).toEqual({ addresses: ["172.19.0.2"], answered: true });
    expect(parseNslookup("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find x: NXDOMAIN\ndockgrade-probe-rc 1").addresses).toEqual([]);
  });

  it("finds default routes in ip route's output", () => {
    expect(defaultRoutes("default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.3")).toEqual(["default via 172.18.0.1 dev eth0"]);
    expect(defaultRoutes("172.19.0.0/16 dev eth0 scope link  src 172.19.0.2")).toEqual([]);
  });
});
