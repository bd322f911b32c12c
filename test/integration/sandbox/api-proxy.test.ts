import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { connect as connectSocket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import { dockerodeOptions } from "../../../harness/engine/dockerode-options.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { RUN_LABEL, runLabels } from "../../../harness/kernel/run-labels.ts";
import { holdRunLease } from "../../../harness/grading/run-lease.ts";
import { PROBE_IMAGE } from "../../../harness/images/grader-images.ts";
import { verbatim } from "../../../harness/kernel/text.ts";
import { startApiProxy, type ApiProxy } from "../../../harness/engine/api-proxy/api-proxy.ts";

/**
 * The scripts' Docker API proxy against the real engine, driven by the real docker CLI: what it
 * forwards works (attached output, exec), what it refuses reaches the CLI as the daemon's error,
 * and a connection taken over cannot carry a second request past the rules.
 */
const exec = promisify(execFile);
const runId = `proxy-test-${randomBytes(4).toString("hex")}`;
let engine: Engine;
let docker: Docker;
let dir: string;
let proxy: ApiProxy;
let lease: AsyncDisposable;

beforeAll(async () => {
  engine = await connect();
  docker = new Docker(dockerodeOptions(engine.endpoint.host));
  lease = await holdRunLease(runId);
  dir = await realpath(await mkdtemp(join(tmpdir(), "dockgrade-proxy-test-")));
  proxy = await startApiProxy({
    socketPath: join(dir, "docker.sock"),
    engineHost: engine.endpoint.host,
    docker,
    scope: { runId, labels: runLabels(runId, "test"), bindable: [{ path: dir, name: verbatim("$BACKUP_DIR") }] },
  });
});

afterAll(async () => {
  await proxy[Symbol.asyncDispose]();
  for (const container of await engine.containers.listByLabel(RUN_LABEL, runId)) await engine.containers.remove(container.id);
  for (const volume of await engine.volumes.listByLabel(RUN_LABEL, runId)) await engine.volumes.remove(volume.name);
  await lease[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

/** The docker CLI, talking to the proxy only. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec("docker", args, {
      env: { PATH: process.env["PATH"], HOME: dir, DOCKER_HOST: `unix://${proxy.socketPath}` },
      timeout: 60_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, out: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

describe("the scripts' API proxy", () => {
  it("runs an attached helper and an exec, labelled with the run", { timeout: 60_000 }, async () => {
    const attached = await cli("run", "--rm", "-v", `${dir}:/backup`, PROBE_IMAGE, "sh", "-c", "echo attached-ok; ls -d /backup");
    expect(attached).toEqual({ code: 0, out: "attached-ok\n/backup\n" });
    const name = `proxy-exec-${randomBytes(4).toString("hex")}`;
    expect((await cli("run", "-d", "--name", name, PROBE_IMAGE, "sleep", "30")).code).toBe(0);
    expect(await cli("exec", name, "echo", "exec-ok")).toEqual({ code: 0, out: "exec-ok\n" });
    const labels = (await docker.getContainer(name).inspect()).Config.Labels;
    expect(labels[RUN_LABEL]).toBe(runId);
    expect((await cli("rm", "-f", name)).code).toBe(0);
  });

  it("shows its refusal as the daemon's error, and the container is not created", { timeout: 60_000 }, async () => {
    const refused = await cli("run", "--rm", "--privileged", "-v", "/:/host", PROBE_IMAGE, "touch", "/host/tmp/should-not-exist");
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain("Error response from daemon: dockgrade");
    expect(refused.out).toContain("--privileged: refused");
    expect(refused.out).toContain("-v /: refused");
    expect(await engine.containers.listByLabel(RUN_LABEL, runId)).toEqual([]);
  });

  it("keeps other runs' containers out of reach and out of sight", { timeout: 60_000 }, async () => {
    const otherRun = `proxy-other-${randomBytes(4).toString("hex")}`;
    await using _otherLease = await holdRunLease(otherRun);
    const other = await docker.createContainer({ Image: PROBE_IMAGE, Cmd: ["true"], Labels: { ...runLabels(otherRun, "test") } });
    try {
      const removal = await cli("rm", "-f", other.id);
      expect(removal.out).toContain(`container ${other.id} does not belong to this grading run`);
      expect((await cli("ps", "-a", "-q", "--no-trunc")).out).not.toContain(other.id);
      expect((await docker.getContainer(other.id).inspect()).Id).toBe(other.id);
    } finally {
      await engine.containers.remove(other.id);
    }
  });

  it("does not let a connection taken over carry a second request past the rules", { timeout: 30_000 }, async () => {
    const smuggled = JSON.stringify({ Image: PROBE_IMAGE, Cmd: ["true"], HostConfig: { Privileged: true } });
    // Any request may ask to take the connection over; the engine answers this one 404 and keeps the
    // connection open for a next request (an attach, by contrast, is closed after its 404).
    const takeOver = "POST /v1.45/containers/does-not-exist/wait HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
    const name = `smuggled-${randomBytes(4).toString("hex")}`;
    const create = `POST /v1.45/containers/create?name=${name} HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connectSocket(proxy.socketPath, () => socket.write(takeOver + create));
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
      setTimeout(() => socket.destroy(), 10_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(await docker.listContainers({ all: true, filters: { name: [name] } })).toEqual([]);
  });
});
