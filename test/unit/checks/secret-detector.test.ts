import { describe, expect, it } from "vitest";
import { assignmentsIn, findSecretAssignments, findSecretShapes } from "../../../harness/secrets/secret-detector.ts";
import { isRootUser } from "../../../harness/dockerfile/root-user.ts";
import { isShellForm } from "../../../harness/checks/image/metadata-checks.ts";

describe("secret detection", () => {
  it("flags secret-looking names with values, not references to secret files", () => {
    const findings = findSecretAssignments("ENV", [
      ["API_TOKEN", "s3cr3t"],
      ["DB_PASSWORD_FILE", "/run/secrets/db"],
      ["AUTHOR", "Ada"],
      ["PATH", "/usr/bin"],
      ["SECRET_KEY_BASE", ""],
    ]);
    expect(findings.map((finding) => finding.key)).toEqual(["API_TOKEN"]);
    expect(findings[0]?.excerpt).not.toContain("s3cr3t");
  });

  it("finds build args in history lines and known token shapes anywhere", () => {
    const line = "RUN |1 NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789 /bin/sh -c echo ok";
    expect(assignmentsIn(line)).toContainEqual(["NPM_TOKEN", "npm_abcdefghijklmnopqrstuvwxyz0123456789"]);
    expect(findSecretShapes("history", line).map((finding) => finding.reason)).toEqual(["npm token"]);
    expect(findSecretShapes("history", "COPY app /app")).toEqual([]);
  });
});

describe("image config rules", () => {
  it("knows every spelling of root", () => {
    expect(["", "root", "0", "0:0", "root:staff", "00"].every(isRootUser)).toBe(true);
    expect(["10001", "10001:10001", "app", "nobody"].some(isRootUser)).toBe(false);
  });

  it("recognises the shell form", () => {
    expect(isShellForm(["/bin/sh", "-c", "/app"])).toBe(true);
    expect(isShellForm(["/app", "-c"])).toBe(false);
    expect(isShellForm(null)).toBe(false);
  });
});
