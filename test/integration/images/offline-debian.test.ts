import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdir, readlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import { BASE_IMAGE_LABEL } from "../../../harness/kernel/run-labels.ts";
import { buildOfflineDebian } from "../../../harness/images/offline-debian.ts";

const run = promisify(execFile);
const engine = await connect();
const { images } = engine;
/** Built under throw-away names: the debian:12-slim others use right now is never touched. */
const ref = `dockgrade-test-debian:${randomUUID().slice(0, 8)}`;
const abortedRef = `dockgrade-test-debian:aborted-${randomUUID().slice(0, 8)}`;

const tempDirs = async (): Promise<string[]> => (await readdir(tmpdir())).filter((name) => name.startsWith("dockgrade-debian-"));

/** Processes whose root directory is one of our temp dirs (debootstrap's dpkg runs chrooted there). */
async function processesChrootedIn(prefix: string, except: readonly string[]): Promise<string[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const roots = await Promise.all(pids.map((pid) => readlink(`/proc/${pid}/root`).catch(() => "/")));
  return roots.filter((root) => root.includes(prefix) && !except.some((dir) => root.includes(dir)));
}

afterAll(async () => {
  await images.remove(ref, { force: true });
  await images.remove(abortedRef, { force: true });
});

describe("buildOfflineDebian", () => {
  it("debootstraps a slim Debian 12 labelled with its real version, and cleans up", { timeout: 180_000 }, async () => {
    const before = await tempDirs();
    const progress: string[] = [];
    // Cancelled before the test's own time-out, so a slow mirror still leaves no temp dir behind.
    const signal = AbortSignal.timeout(170_000);
    const version = await buildOfflineDebian(engine, ref, { signal, onProgress: (message) => progress.push(message) });

    expect(version).toMatch(/^12\.\d+$/);
    expect(progress.some((message) => message.includes("Base system installed successfully"))).toBe(true);
    expect(await tempDirs()).toEqual(before);
    const details = await images.inspect(ref);
    expect(details.config.Labels).toEqual({
      [BASE_IMAGE_LABEL]: "offline:debootstrap",
      "org.opencontainers.image.version": version,
    });
    expect(details.config.Cmd).toEqual(["bash"]);
    expect(details.config.Env).toContainEqual(expect.stringMatching(/^PATH=.*\/usr\/bin/));
    expect(details.size).toBeGreaterThan(50_000_000);
    expect(details.size).toBeLessThan(100_000_000);
  });

  it("contains what the official slim image does, without caches, docs or host files", async () => {
    const script = [
      "cat /etc/debian_version",
      "find /var/lib/apt/lists /var/cache/apt/archives /tmp /var/log/apt -mindepth 1 -not -name partial | wc -l",
      "test -f /usr/share/doc/bash/copyright && echo copyright",
      "find /usr/share/man /usr/share/locale -mindepth 1 | wc -l",
      "dpkg-query -W -f='${Status}\\n' bash",
      "cat /etc/apt/sources.list",
    ].join("; ");
    const { stdout } = await run("docker", ["run", "--rm", "--network", "none", ref, "bash", "-c", script]);
    const [debianVersion, leftovers, copyright, docs, bashStatus, sources] = stdout.trim().split("\n");

    expect(debianVersion).toMatch(/^12\.\d+$/);
    expect(leftovers?.trim()).toBe("0");
    expect(copyright).toBe("copyright");
    expect(docs?.trim()).toBe("0");
    expect(bashStatus).toBe("install ok installed");
    expect(sources).toContain("deb.debian.org/debian bookworm main");
  });

  it("on abort kills debootstrap and the dpkg it runs chrooted, and leaves no image or temp dir", { timeout: 90_000 }, async () => {
    const before = await tempDirs();
    const controller = new AbortController();
    // Abort while packages are being installed, when dpkg runs chrooted in the temp dir.
    const onProgress = (message: string): void => {
      if (message.includes("Installing core packages")) setTimeout(() => controller.abort(), 3_000);
    };
    const build = buildOfflineDebian(engine, abortedRef, { signal: controller.signal, onProgress });

    await expect(build).rejects.toThrow(/abort/i);
    expect(await images.exists(abortedRef)).toBe(false);
    expect(await tempDirs()).toEqual(before);
    expect(await processesChrootedIn("dockgrade-debian-", before)).toEqual([]);
  });
});
