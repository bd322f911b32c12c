import { describe, expect, it } from "vitest";
import { environmentSecretFindings, secretFile, secretProblems, secretTarget } from "../../../harness/checks/compose/secret-rules.ts";
import { GOOD_STACK, model, ROOT } from "./models.ts";

const EXPECTED = [{ name: "db_password", services: ["db", "api"] }];

describe("secrets from files", () => {
  it("accepts a file secret inside the submission granted to every service", () => {
    expect(secretProblems(GOOD_STACK, EXPECTED, ROOT)).toEqual({ problems: [], criteria: 3 });
    expect(secretFile(GOOD_STACK, "db_password", ROOT)).toBe(`${ROOT}/secrets/db_password.txt`);
  });

  it("reports each missing part, for partial credit", () => {
    const partial = model({ db: { secrets: [{ source: "db_password" }] }, api: {} }, { secrets: { db_password: { environment: "DB_PASSWORD" } } });
    expect(secretProblems(partial, EXPECTED, ROOT)).toEqual({
      problems: [
        { kind: "not-a-file", secret: "db_password", source: "environment: DB_PASSWORD" },
        { kind: "not-granted", secret: "db_password", service: "api" },
      ],
      criteria: 3,
    });
    expect(secretProblems(model({ db: {}, api: {} }), EXPECTED, ROOT).problems.map((problem) => problem.kind)).toEqual([
      "undeclared",
      "not-granted",
      "not-granted",
    ]);
  });

  it("refuses a secret file outside the submission and never points at it", () => {
    const escaping = model(
      { db: { secrets: [{ source: "db_password" }] }, api: { secrets: [{ source: "db_password" }] } },
      { secrets: { db_password: { file: "/etc/shadow" } } },
    );
    expect(secretProblems(escaping, EXPECTED, ROOT).problems).toEqual([{ kind: "outside", secret: "db_password", file: "/etc/shadow" }]);
    expect(secretFile(escaping, "db_password", ROOT)).toBeUndefined();
    expect(secretFile(model({}, { secrets: { s: { file: "/sub-other/x" } } }), "s", ROOT)).toBeUndefined();
  });

  it("places a relative target under /run/secrets", () => {
    const stack = model({ a: { secrets: [{ source: "tok", target: "custom" }, { source: "pw" }] } });
    expect(secretTarget(stack, "a", "tok")).toBe("/run/secrets/custom");
    expect(secretTarget(stack, "a", "pw")).toBe("/run/secrets/pw");
    expect(secretTarget(stack, "a", "other")).toBeUndefined();
  });
});

describe("secrets in the resolved environment", () => {
  it("finds secret-looking names, token shapes and secret files' values, once per variable", () => {
    const stack = model({
      db: { environment: { DB_PASSWORD: "Vx7kP2qLm9zR4tW8", DB_PASSWORD_FILE: "/run/secrets/db_password" } },
      api: {
        environment: { CONNECTION: "http://app:Vx7kP2qLm9zR4tW8@db:5432", GITHUB: "ghp_abcdefghijklmnopqrstuvwxyz0123456789", LOG_LEVEL: "info", EMPTY: null },
      },
    });
    const findings = environmentSecretFindings(stack, new Map([["db_password", "Vx7kP2qLm9zR4tW8"]]));
    expect(findings.map((finding) => [finding.where, finding.key, finding.reason])).toEqual([
      ["services.db.environment", "DB_PASSWORD", "secret-looking name with a value"],
      ["services.api.environment", "GITHUB", "GitHub token"],
      ["services.api.environment", "CONNECTION", "value of secret db_password"],
    ]);
    expect(findings.every((finding) => !finding.excerpt.includes("Vx7kP2qLm9zR4tW8"))).toBe(true);
  });

  it("passes the solution's environment", () => {
    expect(environmentSecretFindings(GOOD_STACK, new Map([["db_password", "Vx7kP2qLm9zR4tW8"]]))).toEqual([]);
  });
});
