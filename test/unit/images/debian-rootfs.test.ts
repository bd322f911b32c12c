import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addOfficialAptConfig, cleanDebianRootfs, slimDebianRootfs } from "../../../harness/images/debian-rootfs.ts";

let rootfs: string;
const touch = async (path: string, content = "x"): Promise<void> => {
  await mkdir(dirname(join(rootfs, path)), { recursive: true });
  await writeFile(join(rootfs, path), content);
};
const exists = (path: string): Promise<boolean> =>
  readFile(join(rootfs, path)).then(
    () => true,
    (error) => error.code === "EISDIR",
  );

beforeEach(async () => {
  rootfs = await mkdtemp(join(tmpdir(), "dockgrade-unit-rootfs-"));
});
afterEach(async () => {
  await rm(rootfs, { recursive: true, force: true });
});

describe("cleanDebianRootfs", () => {
  it("removes downloaded packages, lists, build logs, scratch files and host data but keeps apt's dirs", async () => {
    for (const path of [
      "var/cache/apt/archives/bash_5.2_amd64.deb",
      "var/lib/apt/lists/deb.debian.org_Packages",
      "var/log/dpkg.log",
      "var/log/apt/term.log",
      "tmp/scratch",
      "dev/null-ish",
    ])
      await touch(path);
    await mkdir(join(rootfs, "var/cache/apt/archives/partial"), { recursive: true });
    await touch("var/log/wtmp", "");
    await touch("etc/hostname", "build-host\n");

    await cleanDebianRootfs(rootfs);

    expect(await exists("var/cache/apt/archives/bash_5.2_amd64.deb")).toBe(false);
    expect(await exists("var/lib/apt/lists/deb.debian.org_Packages")).toBe(false);
    expect(await exists("var/log/dpkg.log")).toBe(false);
    expect(await exists("var/log/apt/term.log")).toBe(false);
    expect(await exists("tmp/scratch")).toBe(false);
    expect(await exists("dev/null-ish")).toBe(false);
    expect(await exists("var/cache/apt/archives/partial")).toBe(true);
    expect(await exists("var/log/wtmp")).toBe(true);
    expect(await readFile(join(rootfs, "etc/hostname"), "utf8")).toBe("");
  });
});

describe("slimDebianRootfs", () => {
  it("drops docs, man pages and translations, keeps copyright notices, and never follows a symlink out", async () => {
    await touch("usr/share/doc/bash/copyright");
    await touch("usr/share/doc/bash/README");
    await touch("usr/share/doc/bash/examples/deep/file");
    await touch("usr/share/man/man1/ls.1.gz");
    await touch("usr/share/locale/fr/LC_MESSAGES/apt.mo");
    await touch("usr/share/locale/locale.alias");
    await touch("usr/bin/keep-me");
    await symlink("/usr/bin", join(rootfs, "usr/share/doc/linked"));

    await slimDebianRootfs(rootfs);

    expect(await exists("usr/share/doc/bash/copyright")).toBe(true);
    expect(await exists("usr/share/doc/bash/README")).toBe(false);
    expect(await exists("usr/share/doc/bash/examples")).toBe(false);
    expect(await exists("usr/share/man/man1")).toBe(false);
    expect(await exists("usr/share/man")).toBe(true);
    expect(await exists("usr/share/locale/fr")).toBe(false);
    expect(await exists("usr/share/locale/locale.alias")).toBe(true);
    expect(await exists("usr/share/doc/linked")).toBe(false);
    expect(await exists("usr/bin/keep-me")).toBe(true);
    expect(await readFile(join(rootfs, "etc/dpkg/dpkg.cfg.d/dockgrade-slim"), "utf8")).toMatch(
      /path-exclude \/usr\/share\/doc\/\*\n[\s\S]*path-include \/usr\/share\/doc\/\*\/copyright/,
    );
  });
});

describe("addOfficialAptConfig", () => {
  it("makes apt delete what it downloaded and keep its lists compressed, as in Docker Hub's debian images", async () => {
    await addOfficialAptConfig(rootfs);

    expect(await readFile(join(rootfs, "etc/apt/apt.conf.d/docker-clean"), "utf8")).toContain('DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb');
    expect(await readFile(join(rootfs, "etc/apt/apt.conf.d/docker-gzip-indexes"), "utf8")).toBe('Acquire::GzipIndexes "true";\n');
    expect(await exists("etc/dpkg/dpkg.cfg.d/docker-apt-speedup")).toBe(true);
  });
});
