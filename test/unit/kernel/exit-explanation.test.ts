import { describe, expect, it } from "vitest";
import { explainExit, exitHint } from "../../../harness/kernel/exit-explanation.ts";

const exit = (exitCode: number | undefined, oomKilled = false) => ({ exitCode, oomKilled });

describe("exit explanation", () => {
  it.each([
    [0, "finished normally", "foreground"],
    [1, "program failed", "log"],
    [2, "program failed", "log"],
    [126, "not executable", "chmod"],
    [127, "was not found", "dynamically linked"],
    [137, "SIGKILL", "not out of memory"],
    [139, "segmentation fault", "crashed"],
    [143, "SIGTERM", "docker stop"],
    [130, "signal 2", "killed"],
    [3, "program failed", "log"],
  ])("explains exit code %i in both languages", (code, meaning, more) => {
    const explained = explainExit(exit(code));
    expect(explained.en).toContain(`exit code ${code}:`);
    expect(explained.en).toContain(meaning);
    expect(explained.en).toContain(more);
    expect(explained.fr).toContain(`code ${code} :`);
    expect(explained.fr).not.toBe(explained.en);
  });

  it("tells an OOM kill from another SIGKILL by the engine's flag alone", () => {
    expect(explainExit(exit(137, true)).en).toContain("out of memory under its limit (OOM)");
    expect(explainExit(exit(137, true)).fr).toContain("faute de mémoire");
    expect(explainExit(exit(137, false)).en).not.toContain("(OOM)");
  });

  it("says a removed container left nothing to read", () => {
    expect(explainExit(exit(undefined)).en).toContain("removed");
    expect(exitHint(exit(undefined))).toBeUndefined();
  });

  it("points a 127 at the program and its libraries, never at the check's own lesson", () => {
    const hint = exitHint(exit(127));
    expect(hint?.en).toContain("CMD/ENTRYPOINT");
    expect(hint?.en).toContain("statically");
    expect(hint?.fr).toContain("statique");
    expect(hint?.en).not.toContain("USER");
  });

  it("leaves the check's hint alone where the code does not point at a fix", () => {
    expect(exitHint(exit(1))).toBeUndefined();
    expect(exitHint(exit(137))).toBeUndefined();
    expect(exitHint(exit(137, true))).toBeUndefined();
  });
});
