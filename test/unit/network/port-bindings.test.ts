import { describe, expect, it } from "vitest";
import { engineIsLocal, knockLoopback, loopbackFor } from "../../../harness/checks/network/host-loopback.ts";
import { describeBinding, hostScope, parsePortBindings } from "../../../harness/checks/network/port-bindings.ts";
import { ProbeRefusedError } from "../../../harness/checks/network/probe-plan.ts";

describe("port bindings", () => {
  it("tells loopback, every interface and one interface apart", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1"].map(hostScope)).toEqual(["loopback", "loopback", "loopback"]);
    expect(["0.0.0.0", "::", ""].map(hostScope)).toEqual(["all-interfaces", "all-interfaces", "all-interfaces"]);
    expect(hostScope("192.168.1.10")).toBe("one-interface");
  });

  it("flattens the engine's map, both families included", () => {
    const bindings = parsePortBindings({
      "9090/tcp": [
        { HostIp: "0.0.0.0", HostPort: "32769" },
        { HostIp: "::", HostPort: "32768" },
      ],
      "53/udp": null,
    });
    expect(bindings.map(describeBinding)).toEqual(["0.0.0.0:32769->9090/tcp", "[::]:32768->9090/tcp"]);
  });
});

describe("knocking from the host", () => {
  it("knocks on the loopback of the binding's family only", () => {
    expect(loopbackFor("0.0.0.0")).toBe("127.0.0.1");
    expect(loopbackFor("::")).toBe("::1");
    expect(loopbackFor("127.0.0.1")).toBe("127.0.0.1");
    expect(loopbackFor("192.168.1.10")).toBeUndefined();
  });

  it("refuses any address that is not loopback before a packet leaves", async () => {
    await expect(knockLoopback("192.168.1.10", 80, { timeoutMs: 100 })).rejects.toThrow(ProbeRefusedError);
    await expect(knockLoopback("0.0.0.0", 80, { timeoutMs: 100 })).rejects.toThrow(ProbeRefusedError);
    await expect(knockLoopback("8.8.8.8", 53, { timeoutMs: 100 })).rejects.toThrow(ProbeRefusedError);
  });

  it("knows when the engine shares the grader's host", () => {
    expect(engineIsLocal("unix:///var/run/docker.sock")).toBe(true);
    expect(engineIsLocal("npipe:////./pipe/docker_engine")).toBe(true);
    expect(engineIsLocal("tcp://10.0.0.5:2376")).toBe(false);
    expect(engineIsLocal("ssh://me@host")).toBe(false);
  });
});
