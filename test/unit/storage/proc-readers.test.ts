import { describe, expect, it } from "vitest";
import { effectiveUids, mountTable, taggedLines } from "../../../harness/checks/storage/proc-readers.ts";

describe("readers of /proc", () => {
  it("reads the effective UID of each status file", () => {
    const output = "/proc/self/status Uid:\t10001\t10001\t10001\t10001\n/proc/1/status Uid:\t0\t0\t0\t0\n";
    expect(effectiveUids(output)).toEqual(
      new Map([
        ["/proc/self/status", 10001],
        ["/proc/1/status", 0],
      ]),
    );
    expect(effectiveUids("sh: can't open /proc/1/status\n").size).toBe(0);
  });

  it("keeps the last mount of a path, unescapes octal paths, ignores other lines", () => {
    const output = [
      "MOUNT overlay / overlay rw,relatime 0 0",
      "MOUNT overlay / overlay ro,relatime,lowerdir=/x 0 0",
      "MOUNT tmpfs /tmp tmpfs rw,nosuid,nodev,noexec,relatime 0 0",
      "MOUNT tmpfs /my\\040dir tmpfs rw 0 0",
      "WRITE_OK /tmp",
    ].join("\n");
    const table = mountTable(output);
    expect(table.get("/")?.options[0]).toBe("ro");
    expect(table.get("/tmp")?.fstype).toBe("tmpfs");
    expect(table.get("/my dir")?.fstype).toBe("tmpfs");
    expect(table.size).toBe(3);
  });

  it("reads the write probes' tagged lines", () => {
    const output = "WRITE_OK /tmp\nWRITE_FAILED /run sh: can't create /run/x: Read-only file system\n";
    expect(taggedLines(output, "WRITE_OK")).toEqual(new Map([["/tmp", ""]]));
    expect(taggedLines(output, "WRITE_FAILED").get("/run")).toContain("Read-only file system");
  });
});
