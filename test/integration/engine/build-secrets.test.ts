import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanImageArchive } from "../../../harness/checks/image/build-secret-scan.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import type { BuildInputs } from "../../../harness/engine/clients/image-builder.ts";
import { RUN_LABEL, runLabels } from "../../../harness/kernel/run-labels.ts";
import { ProjectDirs } from "../../support/compose-projects.ts";
import { leasedRunId } from "../../support/leased-run.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * The grader's build secrets on the real engine: BuildKit mounts the file for `RUN
 * --mount=type=secret` and keeps it out of the image, in the grader's own builds and in Compose
 * services' builds; a build argument, by contrast, lands in the history, which is why the
 * build-secret-not-leaked check reads it.
 */
const VALUE = `test-secret-${createHash("sha256").update(String(Date.now())).digest("hex").slice(0, 24)}`;
const FINGERPRINT = createHash("sha256").update(VALUE).digest("hex");
/** Writes the fingerprint of the mounted secret, and fails without it (sha256sum of a missing file). */
const USES_SECRET = 'FROM busybox:1.37\nRUN --mount=type=secret,id=npm_token sum=$(sha256sum /run/secrets/npm_token) && echo "${sum%% *}" > /fingerprint\n';

let engine: Engine;
let secretDir: string;
let inputs: BuildInputs;
const projects = new ProjectDirs();

beforeAll(async () => {
  engine = await connect();
  secretDir = await mkdtemp(join(tmpdir(), "dockgrade-secrets-test-"));
  await writeFile(join(secretDir, "secret-0"), VALUE, { mode: 0o600 });
  await writeFile(join(secretDir, "other"), "another run's value", { mode: 0o600 });
  inputs = { secrets: [{ id: "npm_token", file: join(secretDir, "secret-0") }], buildArgs: { NPM_TOKEN: VALUE } };
});
afterAll(async () => {
  await rm(secretDir, { recursive: true, force: true });
  await projects.cleanUp();
});

/** Builds `dockerfile` with the grader's builder, scans the image for the value and its fingerprint, removes it. */
async function buildAndScan(dockerfile: string, buildInputs: BuildInputs) {
  const runId = await leasedRunId();
  const dir = await projects.create({ Dockerfile: dockerfile });
  const tag = `dockgrade-run-${runId}:latest`;
  try {
    const outcome = await engine.builder.build({
      contextDir: dir,
      dockerfile: join(dir, "Dockerfile"),
      tag,
      labels: runLabels(runId, "test/build-secrets"),
      timeoutMs: 60_000,
      ...buildInputs,
    });
    const scan = outcome.ok ? await scanImageArchive(await engine.images.save(tag), [VALUE, FINGERPRINT]) : undefined;
    return { outcome, scan };
  } finally {
    await engine.images.remove(tag, { force: true });
    expect(await leftovers(engine, runId)).toEqual([]);
  }
}

describe("build secrets", () => {
  it("reach a RUN --mount=type=secret step and stay out of every layer and the config", { timeout: 120_000 }, async () => {
    const { outcome, scan } = await buildAndScan(USES_SECRET, inputs);
    expect(outcome.ok, outcome.log).toBe(true);
    expect(scan?.hits[1]).toMatchObject([{ in: "layer", path: "fingerprint" }]);
    expect(scan?.hits[0]).toEqual([]);
  });

  it("are never served from the cache: the build after one with this value reads its own", { timeout: 120_000 }, async () => {
    expect((await buildAndScan(USES_SECRET, inputs)).scan?.hits[1]).toHaveLength(1);
    const { outcome, scan } = await buildAndScan(USES_SECRET, { secrets: [{ id: "npm_token", file: join(secretDir, "other") }] });
    expect(outcome.ok, outcome.log).toBe(true);
    expect(outcome.log).not.toMatch(/RUN --mount=type=secret[^\n]*\n#\d+ CACHED/);
    expect(scan?.hits[1]).toEqual([]);
  });

  it("are what makes that step work: without them it fails", { timeout: 120_000 }, async () => {
    // A step of its own first: without secrets the cache is on, and must not answer for the secret's step.
    const { outcome } = await buildAndScan(USES_SECRET.replace("\n", `\nRUN echo ${VALUE}-no-secret > /nonce\n`), {});
    expect(outcome).toMatchObject({ ok: false, reason: "failed" });
  });

  it("travel as a build argument too, which BuildKit records in the history of each RUN", { timeout: 120_000 }, async () => {
    const { outcome, scan } = await buildAndScan('FROM busybox:1.37\nARG NPM_TOKEN\nRUN test -n "$NPM_TOKEN" && touch /done\n', inputs);
    expect(outcome.ok, outcome.log).toBe(true);
    expect(scan?.hits[0]).toEqual([expect.objectContaining({ in: "config", key: expect.stringMatching(/^history\[\d+\]\.created_by$/) })]);
  });

  it("reach every Compose service's build, even one whose file does not list them", { timeout: 120_000 }, async () => {
    const runId = await leasedRunId();
    const compose = `services:\n  app:\n    build:\n      context: ./app\n      labels:\n        ${RUN_LABEL}: "${runId}"\n`;
    const dir = await projects.create({ "compose.yaml": compose, "app/Dockerfile": USES_SECRET });
    const tag = `dockgrade-${runId}-app`;
    try {
      const outcome = await engine.compose.build(
        { dir, files: ["compose.yaml"], projectName: `dockgrade-${runId}`, profiles: [] },
        { timeoutMs: 60_000, inputs },
      );
      expect(outcome.ok, outcome.log).toBe(true);
      const { hits } = await scanImageArchive(await engine.images.save(tag), [VALUE, FINGERPRINT]);
      expect(hits[1]).toMatchObject([{ in: "layer", path: "fingerprint" }]);
      expect(hits[0]).toEqual([]);
    } finally {
      await engine.images.remove(tag, { force: true });
    }
    expect(await leftovers(engine, runId)).toEqual([]);
  });
});
