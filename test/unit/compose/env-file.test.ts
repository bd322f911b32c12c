import { describe, expect, it } from "vitest";
import { judgeEnvFile, parseEnvFile, probeValue, withProbeValues } from "../../../harness/checks/compose/env-file.ts";

const SOURCE = `# non-secret settings
DB_HOST=db
export DB_PORT = 5432
DB_USER="app"
LOG_LEVEL=info # inline comment

GREETING='a #hash kept'
`;

describe("env files", () => {
  it("parses KEY=value lines as Compose does", () => {
    expect([...parseEnvFile(SOURCE)]).toEqual([
      ["DB_HOST", "db"],
      ["DB_PORT", "5432"],
      ["DB_USER", "app"],
      ["LOG_LEVEL", "info"],
      ["GREETING", "a #hash kept"],
    ]);
  });

  it("rewrites only the probed keys' values", () => {
    const rewritten = withProbeValues(
      SOURCE,
      new Map([
        ["DB_HOST", "P1"],
        ["LOG_LEVEL", "P2"],
      ]),
    );
    expect(rewritten.split("\n")).toEqual([
      "# non-secret settings",
      "DB_HOST=P1",
      "export DB_PORT = 5432",
      'DB_USER="app"',
      "LOG_LEVEL=P2",
      "",
      "GREETING='a #hash kept'",
      "",
    ]);
  });

  it("tells a setting from the file from one missing, shadowed, or in a file the service does not load", () => {
    const inFile = new Map([
      ["DB_HOST", "db"],
      ["LOG_LEVEL", "info"],
    ]);
    const probes = new Map([...inFile.keys()].map((key) => [key, probeValue("r1", key)]));
    const keys = ["DB_HOST", "LOG_LEVEL", "DB_PORT"];
    expect(judgeEnvFile(keys, inFile, probes, { DB_HOST: probeValue("r1", "DB_HOST"), LOG_LEVEL: "debug", DB_PORT: "5432" })).toEqual([
      { key: "DB_HOST", status: "from-file" },
      { key: "LOG_LEVEL", status: "overridden" },
      { key: "DB_PORT", status: "not-in-file" },
    ]);
    expect(judgeEnvFile(["DB_HOST"], inFile, probes, { DB_HOST: "db" })).toEqual([{ key: "DB_HOST", status: "file-not-used" }]);
  });
});
