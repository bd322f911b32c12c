import { describe, expect, it } from "vitest";
import { locate, locateKey } from "../../../harness/compose/key-lines.ts";
import { failingLine } from "../../../harness/checks/image/build-failure.ts";
import { parseComposeBytes } from "../../../harness/policy/compose-text.ts";

const COMPOSE = [
  "services:", // 1
  "  api:", // 2
  "    build: ./api", // 3
  "    depends_on: [db]", // 4
  "    ports:", // 5
  '      - "8081:8081"', // 6
  "  db:", // 7
  "    image: busybox:1.37", // 8
  "    healthcheck:", // 9
  "      test: [CMD, true]", // 10
  "    depends_on:", // 11
  "      cache:", // 12
  "        condition: service_started", // 13
].join("\n");

function parsed() {
  const outcome = parseComposeBytes(new TextEncoder().encode(COMPOSE), "compose.yaml");
  if (!outcome.ok) throw new Error("fixture does not parse");
  return outcome.text;
}

describe("a failed Compose check's line", () => {
  it("is the key a student reads as the setting, where the policy's `locate` gives the value's first line", () => {
    expect(locateKey(parsed(), ["services", "db", "healthcheck"])).toEqual({ line: 9, depth: 3 });
    expect(locate(parsed(), ["services", "db", "healthcheck"])).toEqual({ line: 10, depth: 3 });
    expect(locateKey(parsed(), ["services", "api", "ports"])).toEqual({ line: 5, depth: 3 });
    expect(locateKey(parsed(), ["services", "db", "depends_on", "cache", "condition"])).toEqual({ line: 13, depth: 5 });
  });

  it("falls back to the deepest key the file holds: the service's name for a missing setting", () => {
    expect(locateKey(parsed(), ["services", "api", "healthcheck"])).toEqual({ line: 2, depth: 2 });
    // The short form `depends_on: [db]` has no `db` key: its `depends_on:` line.
    expect(locateKey(parsed(), ["services", "api", "depends_on", "db", "condition"])).toEqual({ line: 4, depth: 3 });
    expect(locateKey(parsed(), ["services", "web", "healthcheck"])).toEqual({ line: 1, depth: 1 });
    expect(locateKey(parsed(), ["secrets", "db_password", "file"])).toBeUndefined();
  });

  it("keeps a list item on its own line", () => {
    expect(locateKey(parsed(), ["services", "api", "ports", 0])).toEqual({ line: 6, depth: 4 });
  });
});

describe("the Dockerfile line of a failed build", () => {
  const log = [
    "#12 [build 4/4] RUN gcc -o server serveur.c",
    "#12 ERROR: process did not complete successfully: exit code: 1",
    "Dockerfile:22",
    "--------------------",
    "  21 |     COPY src/server.c .",
    "  22 | >>> RUN gcc -o server serveur.c",
    "--------------------",
    "ERROR: failed to solve: process did not complete successfully: exit code: 1",
  ].join("\n");

  it("is the one BuildKit names above its excerpt, under the Dockerfile's own name", () => {
    expect(failingLine(log, "Dockerfile")).toBe(22);
    expect(failingLine(log.replaceAll("Dockerfile:", "app.Dockerfile:"), "app.Dockerfile")).toBe(22);
  });

  it("is unknown when the log names none, or names another file", () => {
    expect(failingLine("#5 [2/3] RUN sleep 600\nERROR: build timed out", "Dockerfile")).toBeUndefined();
    expect(failingLine(log, "Containerfile")).toBeUndefined();
  });
});
