import { describe, expect, it } from "vitest";
import { CAPABILITIES, decodeCapabilities, extraCapabilities, normaliseCapability } from "../../../harness/checks/runtime/capabilities.ts";
import { parseProcStatus } from "../../../harness/checks/runtime/proc-status.ts";

/** Docker's default set, as `grep CapEff /proc/1/status` prints it in a root container. */
const DOCKER_DEFAULT = "00000000a80425fb";

describe("capability masks", () => {
  it("knows every capability of Linux 6.x by its bit", () => {
    expect(CAPABILITIES).toHaveLength(41);
    expect(CAPABILITIES[0]).toBe("CHOWN");
    expect(CAPABILITIES[10]).toBe("NET_BIND_SERVICE");
    expect(CAPABILITIES[21]).toBe("SYS_ADMIN");
    expect(CAPABILITIES[40]).toBe("CHECKPOINT_RESTORE");
  });

  it("decodes Docker's default set", () => {
    expect(decodeCapabilities(DOCKER_DEFAULT)).toEqual([
      "CHOWN",
      "DAC_OVERRIDE",
      "FOWNER",
      "FSETID",
      "KILL",
      "SETGID",
      "SETUID",
      "SETPCAP",
      "NET_BIND_SERVICE",
      "NET_RAW",
      "SYS_CHROOT",
      "MKNOD",
      "AUDIT_WRITE",
      "SETFCAP",
    ]);
  });

  it("decodes empty, single, full and future masks", () => {
    expect(decodeCapabilities("0000000000000000")).toEqual([]);
    expect(decodeCapabilities("0000000000000400")).toEqual(["NET_BIND_SERVICE"]);
    expect(decodeCapabilities("000001ffffffffff")).toEqual([...CAPABILITIES]);
    expect(decodeCapabilities("0x0000020000000000")).toEqual(["CAP_41"]);
  });

  it("rejects what is not a mask", () => {
    expect(() => decodeCapabilities("")).toThrow();
    expect(() => decodeCapabilities("cap_chown")).toThrow();
    expect(() => decodeCapabilities("1ffffffffffffffff")).toThrow();
  });

  it("compares with an allowlist whatever the spelling", () => {
    expect(normaliseCapability(" cap_net_bind_service ")).toBe("NET_BIND_SERVICE");
    expect(extraCapabilities(["CHOWN", "NET_BIND_SERVICE"], ["CAP_NET_BIND_SERVICE"])).toEqual(["CHOWN"]);
    expect(extraCapabilities(["NET_BIND_SERVICE"], ["net_bind_service"])).toEqual([]);
    expect(extraCapabilities([], [])).toEqual([]);
  });
});

describe("/proc/<pid>/status", () => {
  const status = [
    "Name:\tworker.sh",
    "Umask:\t0022",
    "State:\tS (sleeping)",
    "CapInh:\t0000000000000000",
    "CapPrm:\t0000000000000000",
    "CapEff:\t0000000000000000",
    `CapBnd:\t${DOCKER_DEFAULT}`,
    "CapAmb:\t0000000000000000",
    "NoNewPrivs:\t1",
    "Seccomp:\t2",
  ].join("\n");

  it("reads the capability sets and the no_new_privs flag", () => {
    expect(parseProcStatus(status)).toEqual({
      name: "worker.sh",
      capEff: "0000000000000000",
      capPrm: "0000000000000000",
      capBnd: DOCKER_DEFAULT,
      noNewPrivs: true,
    });
    expect(parseProcStatus(status.replace("NoNewPrivs:\t1", "NoNewPrivs:\t0")).noNewPrivs).toBe(false);
  });

  it("says when an old kernel does not print NoNewPrivs, and refuses a file without capabilities", () => {
    expect(parseProcStatus(status.replace("NoNewPrivs:\t1\n", "")).noNewPrivs).toBeUndefined();
    expect(() => parseProcStatus("Name:\tsh\n")).toThrow(/CapEff/);
  });
});
