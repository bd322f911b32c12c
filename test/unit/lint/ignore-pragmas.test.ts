import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { CLEAN_TAIL, lintAt } from "./lint-at.ts";

const APT = "RUN apt-get update && apt-get install -y gcc";

describe("ignore pragmas", () => {
  it("drops the findings of the instruction right after `# hadolint ignore=`, through each rule's hadolint peer", () => {
    expect(lintAt("FROM debian:12-slim", APT, ...CLEAN_TAIL)).toStrictEqual(["DG3010 2:1", "DG3011 2:1"]);
    expect(lintAt("FROM debian:12-slim", "# hadolint ignore=DL3008,DL3009", APT, ...CLEAN_TAIL)).toStrictEqual(["DG3011 3:1"]);
    // hadolint's spacing and trailing comment; a continued instruction is silenced on every line.
    expect(lintAt("FROM debian:12-slim", "#hadolint ignore = DL3009 , DL3015  # on purpose", APT, ...CLEAN_TAIL)).toStrictEqual([]);
    expect(lintAt("FROM busybox:1.37", "# dockgrade ignore=DG3050", "ENV A=1 \\", "  DB_PASSWORD=x", ...CLEAN_TAIL)).toStrictEqual([]);
    // DL3050 is hadolint's (superfluous labels), no peer of ours: it silences nothing here.
    expect(lintAt("FROM busybox:1.37", "# hadolint ignore=DL3050", "ENV A=1 \\", "  DB_PASSWORD=x", ...CLEAN_TAIL)).toStrictEqual(["DG3050 4:3"]);
    // Only the very next line: a comment in between, or a later instruction, is not silenced.
    expect(lintAt("FROM debian:12-slim", "# hadolint ignore=DL3009", "# why", APT, ...CLEAN_TAIL)).toStrictEqual(["DG3010 4:1", "DG3011 4:1"]);
    expect(lintAt("FROM debian:12-slim", "# hadolint ignore=DL3009", "RUN true", APT, ...CLEAN_TAIL)).toStrictEqual(["DG3010 4:1", "DG3011 4:1"]);
  });

  it("drops a rule everywhere with `global ignore=`, and takes our own ids in `# dockgrade ignore=`", () => {
    expect(lintAt("# hadolint global ignore=DL3009", "FROM debian:12-slim AS a", "RUN apt-get update", "FROM a", ...CLEAN_TAIL)).toStrictEqual([]);
    expect(lintAt("FROM debian:12-slim", "# dockgrade ignore=DG3010,DL3015", APT, ...CLEAN_TAIL)).toStrictEqual([]);
    expect(lintAt("# dockgrade global ignore=DG3003", "# syntax=docker/dockerfile:1", "FROM busybox:1.37", ...CLEAN_TAIL)).toStrictEqual([]);
  });

  it("reports a code its tool does not know at its line and column, and lets hadolint's codes without a peer be", () => {
    const findings = lintDockerfile(
      ["FROM debian:12-slim", "# hadolint ignore=DL3008,DG3010,dl30o9", APT, "# dockgrade ignore=DG3999", ...CLEAN_TAIL].join("\n"),
      "Dockerfile",
    );
    expect(findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`)).toStrictEqual([
      "DG3010 3:1",
      "DG3011 3:1",
      "DG3090 2:26",
      "DG3090 2:33",
      "DG3090 4:20",
    ]);
    expect(findings[2]?.message).toStrictEqual({
      fr: "hadolint ne connaît pas `DG3010`, une règle de dockgrade : écrivez `# dockgrade ignore=DG3010`.",
      en: "hadolint does not know `DG3010`, a dockgrade rule: write `# dockgrade ignore=DG3010`.",
    });
    expect(findings[4]?.message.en).toBe("`DG3999` is not a dockgrade code: this comment silences nothing.");
  });
});
