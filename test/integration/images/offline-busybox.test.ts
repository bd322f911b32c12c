import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import { BASE_IMAGE_LABEL } from "../../../harness/kernel/run-labels.ts";
import { type BaseImageReport, ensureBaseImages } from "../../../harness/images/ensure-base-images.ts";
import { BaseImageUnavailableError } from "../../../harness/images/errors.ts";

const run = promisify(execFile);
const engine = await connect();
const { images } = engine;
/**
 * Throw-away tags of busybox 1.37.0 (`1.37.0-<qualifier>`), so the busybox builder applies; the
 * busybox:1.37 others use right now is never touched. BuildKit's cache makes every build after the
 * first a matter of seconds.
 */
const created: string[] = [];
const testRef = (): string => {
  const ref = `busybox:1.37.0-dockgrade-test-${randomUUID().slice(0, 8)}`;
  created.push(ref);
  return ref;
};

afterAll(async () => {
  for (const ref of created) await images.remove(ref, { force: true });
});

describe("ensureBaseImages with busybox and no registry", () => {
  const ref = testRef();

  it("builds the image offline from busybox's source, labelled with the real version", { timeout: 600_000 }, async () => {
    const progress: string[] = [];
    const [report] = await ensureBaseImages(engine, [ref], { onProgress: (message) => progress.push(message) });

    expect(report).toMatchObject({ ref, obtained: "built-offline" });
    expect(report?.version).toBe("1.37.0");
    expect(progress.some((message) => message.includes("pull failed"))).toBe(true);
    const details = await images.inspect(ref);
    expect(details.config.Labels).toMatchObject({
      [BASE_IMAGE_LABEL]: "offline:busybox-source",
      "org.opencontainers.image.version": report?.version,
    });
    expect(details.config.Cmd).toEqual(["sh"]);
    expect(details.size).toBeLessThan(5_000_000);
  });

  it("gives a working shell, applets, users and /tmp like the official image", async () => {
    const script =
      "id -u; wget --help 2>&1 | head -n 1; id nobody; ls -ld /tmp; ls -i /bin/busybox /bin/cat | awk '{ print $1 }' | uniq | wc -l; cat /etc/hostname >/dev/null && echo ok";
    const { stdout } = await run("docker", ["run", "--rm", "--network", "none", ref, "sh", "-c", script]);
    const lines = stdout.trim().split("\n");

    expect(lines[0]).toBe("0");
    expect(lines[1]).toMatch(/^BusyBox v/);
    expect(lines[2]).toMatch(/^uid=65534\(nobody\) gid=65534/);
    expect(lines[3]).toMatch(/^drwxrwxrwt /);
    // Hard links, as the official image has them.
    expect(lines[4]).toBe("1");
    expect(lines[5]).toBe("ok");
  });

  it("does nothing the second time: the image is present", async () => {
    const idBefore = (await images.inspect(ref)).id;
    const [report] = await ensureBaseImages(engine, [ref]);

    expect(report).toMatchObject({ ref, obtained: "present" });
    expect((await images.inspect(ref)).id).toBe(idBefore);
  });
});

describe("ensureBaseImages, several at once", () => {
  it("builds aliases asked together once and tags the others", { timeout: 300_000 }, async () => {
    const [first, second] = [testRef(), testRef()];
    const reports = await ensureBaseImages(engine, [first, second], { pull: false });

    expect(reports.map((report) => report.obtained)).toEqual(["built-offline", "built-offline"]);
    expect((await images.inspect(first)).id).toBe((await images.inspect(second)).id);
  });

  it("builds once when two calls in one process race for the same new image", { timeout: 300_000 }, async () => {
    const ref = testRef();
    const reports = (await Promise.all([ensureBaseImages(engine, [ref]), ensureBaseImages(engine, [ref])])).flat();

    expect(reports.map((report) => report.obtained).sort()).toEqual(["built-offline", "present"]);
  });

  it("builds once when two grader processes start at the same time", { timeout: 300_000 }, async () => {
    const ref = testRef();
    const child = fileURLToPath(new URL("./fixtures/ensure-in-child.ts", import.meta.url));
    const outputs = await Promise.all([1, 2].map(() => run("npx", ["tsx", child, ref])));
    const reports = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as BaseImageReport[]);

    expect(reports.map((report) => report.obtained).sort()).toEqual(["built-offline", "present"]);
    expect(await images.listByLabel(BASE_IMAGE_LABEL, "offline:busybox-source")).toContainEqual(
      expect.objectContaining({ repoTags: expect.arrayContaining([ref]) }),
    );
  });

  it("stops at once when the signal is already aborted, and builds nothing", async () => {
    const ref = testRef();
    const signal = AbortSignal.abort();

    await expect(ensureBaseImages(engine, [ref], { signal })).rejects.toThrow(/abort/i);
    expect(await images.exists(ref)).toBe(false);
  });
});

describe("ensureBaseImages, images nobody can provide", () => {
  it("names the image, says no registry answered and what to do", async () => {
    const ref = `dockgrade-test-nobuilder:${randomUUID().slice(0, 8)}`;
    const error = await ensureBaseImages(engine, [ref]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BaseImageUnavailableError);
    expect((error as BaseImageUnavailableError).message).toMatch(new RegExp(`${ref}.*no registry answered.*no offline builder`));
    expect((error as BaseImageUnavailableError).hint).toContain(`docker pull ${ref}`);
    expect((error as BaseImageUnavailableError).hint).toContain("debian:12-slim");
  });

  it("says pulling is disabled when it is", async () => {
    const ref = `dockgrade-test-nobuilder:${randomUUID().slice(0, 8)}`;
    const error = await ensureBaseImages(engine, [ref], { pull: false }).catch((caught: unknown) => caught);

    expect((error as Error).message).toMatch(/pulling is disabled/);
  });
});
