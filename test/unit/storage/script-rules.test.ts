import { describe, expect, it } from "vitest";
import { scriptEnvironment } from "../../../harness/checks/storage/script-runner.ts";
import { scriptProblems } from "../../../harness/checks/storage/script-rules.ts";

describe("static rules on backup scripts", () => {
  it("accepts a script that goes through a helper container", () => {
    expect(
      scriptProblems('#!/bin/sh\n# never read /var/lib/docker directly\ndocker run --rm -v "$V:/data:ro" busybox:1.37 tar czf /backup/x.tgz -C /data .\n'),
    ).toEqual([]);
  });

  it("names the line of Windows line endings and of Docker's internal folder", () => {
    const problems = scriptProblems('#!/bin/sh\r\ntar czf "$BACKUP_DIR/x.tgz" -C /var/lib/docker/volumes/v/_data .\r\n');
    expect(problems.map((problem) => [problem.code, problem.line])).toEqual([
      ["crlf", 1],
      ["docker-internals", 2],
    ]);
    expect(problems[0]?.excerpt).toBe("#!/bin/sh\\r");
  });
});

describe("the scripts' environment", () => {
  it("holds the contract, nothing of the grader's environment", () => {
    expect(scriptEnvironment({ projectName: "dockgrade-abc", backupDir: "/tmp/b" })).toEqual({
      LC_ALL: "C",
      COMPOSE_PROJECT_NAME: "dockgrade-abc",
      BACKUP_DIR: "/tmp/b",
    });
  });
});
