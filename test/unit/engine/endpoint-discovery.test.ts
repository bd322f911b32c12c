import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverEndpoints } from "../../../harness/engine/endpoint-discovery.ts";
import { classifyConnectionError } from "../../../harness/engine/engine-errors.ts";

function fakeHome(): string {
  return mkdtempSync(join(tmpdir(), "dockgrade-home-"));
}

describe("engine discovery", () => {
  it("takes DOCKER_HOST alone when it is set", () => {
    expect(discoverEndpoints({ DOCKER_HOST: "tcp://10.0.0.1:2376" }, fakeHome())).toEqual([{ host: "tcp://10.0.0.1:2376", source: "DOCKER_HOST" }]);
  });

  it("reads ~/.testcontainers.properties before the docker context", () => {
    const home = fakeHome();
    writeFileSync(join(home, ".testcontainers.properties"), "docker.host=unix:///custom.sock\n");
    expect(discoverEndpoints({}, home)[0]).toEqual({ host: "unix:///custom.sock", source: "~/.testcontainers.properties" });
  });

  it("follows the docker CLI's current context", () => {
    const home = fakeHome();
    const digest = createHash("sha256").update("colima").digest("hex");
    mkdirSync(join(home, ".docker", "contexts", "meta", digest), { recursive: true });
    writeFileSync(join(home, ".docker", "config.json"), JSON.stringify({ currentContext: "colima" }));
    writeFileSync(
      join(home, ".docker", "contexts", "meta", digest, "meta.json"),
      JSON.stringify({ Name: "colima", Endpoints: { docker: { Host: "unix:///home/u/.colima/docker.sock" } } }),
    );
    expect(discoverEndpoints({}, home)[0]).toEqual({ host: "unix:///home/u/.colima/docker.sock", source: 'docker context "colima"' });
    expect(discoverEndpoints({ DOCKER_CONTEXT: "default" }, home)[0]?.source).not.toContain("context");
  });

  it("names the cause of a failed connection", () => {
    expect(classifyConnectionError({ code: "ENOENT" })).toBe("no-socket");
    expect(classifyConnectionError({ code: "EACCES" })).toBe("permission-denied");
    expect(classifyConnectionError({ code: "ECONNREFUSED" })).toBe("daemon-stopped");
    expect(classifyConnectionError(new Error("timeout"))).toBe("no-answer");
  });
});
