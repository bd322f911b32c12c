import { describe, expect, it } from "vitest";
import { classifyStop, signalName } from "../../../harness/checks/runtime/stop-outcome.ts";
import { parseWriteProbe } from "../../../harness/checks/runtime/write-probe.ts";

describe("write probe output", () => {
  it("tells EROFS from every other refusal", () => {
    const output = [
      "/\ttouch: /.dockgrade-write-probe: Read-only file system",
      "/etc\twritable",
      "/run/worker\ttouch: /run/worker/.dockgrade-write-probe: Permission denied",
      "/nope\ttouch: /nope/.dockgrade-write-probe: No such file or directory",
      "/odd\ttouch: /odd/.dockgrade-write-probe: No space left on device",
      "stray line without a tab",
    ].join("\n");
    expect(parseWriteProbe(output).map((attempt) => [attempt.path, attempt.result])).toEqual([
      ["/", "read-only"],
      ["/etc", "writable"],
      ["/run/worker", "denied"],
      ["/nope", "absent"],
      ["/odd", "other"],
    ]);
  });
});

describe("stop outcomes", () => {
  it("reads exit codes the way `docker stop` produces them", () => {
    expect(classifyStop(0, 800, 3)).toEqual({ kind: "clean" });
    expect(classifyStop(137, 3050, 3)).toEqual({ kind: "killed-after-grace" });
    expect(classifyStop(137, 40, 3)).toEqual({ kind: "killed-at-once" });
    expect(classifyStop(143, 30, 3)).toEqual({ kind: "died-of-signal", signal: 15 });
    expect(classifyStop(1, 500, 3)).toEqual({ kind: "error-exit", exitCode: 1 });
    expect(signalName(15)).toBe("SIGTERM");
    expect(signalName(31)).toBe("signal 31");
  });
});
