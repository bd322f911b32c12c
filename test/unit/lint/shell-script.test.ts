import { describe, expect, it } from "vitest";
import { isAptInstall, readShellScript, setsPipefail } from "../../../harness/lint/shell-script.ts";

const words = (script: string) => readShellScript(script).map((command) => command.words.join(" "));

describe("readShellScript", () => {
  it("cuts at &&, ||, ;, & and new lines, and marks the commands a pipe joins", () => {
    expect(words("a x && b || c; d & e\nf")).toStrictEqual(["a x", "b", "c", "d", "e", "f"]);
    expect(readShellScript("wget -O- u | tar x").map((command) => command.pipesInto)).toStrictEqual([true, false]);
  });

  it("keeps quoted operators and escaped ones inside their word, and redirections in their command", () => {
    expect(words(`echo "a | b" 'c && d' e\\;f`)).toStrictEqual(["echo a | b c && d e;f"]);
    expect(readShellScript("make 2>&1 >/dev/null").map((command) => command.pipesInto)).toStrictEqual([false]);
    expect(words("make 2>&1 &> log")).toStrictEqual(["make 2>&1 &> log"]);
  });

  it("skips a comment line left inside a continued RUN", () => {
    expect(words("apt-get update   # refresh\n  && apt-get install -y gcc")).toStrictEqual(["apt-get update", "apt-get install -y gcc"]);
  });

  it("recognises apt installs past variables and sudo, and pipefail in any set spelling", () => {
    const [install, notInstall, setEuo, setE] = readShellScript(
      "DEBIAN_FRONTEND=noninteractive sudo apt-get -q install gcc; apt-get update; set -euxo pipefail; set -e",
    );
    expect([install, notInstall].map((command) => command !== undefined && isAptInstall(command))).toStrictEqual([true, false]);
    expect([setEuo, setE].map((command) => command !== undefined && setsPipefail(command))).toStrictEqual([true, false]);
  });
});
