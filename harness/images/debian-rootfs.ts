import { mkdir, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Turns what debootstrap left into what a Debian "slim" image contains. Paths are relative to the
 * root file system.
 */

/** Build logs, rewritten by the next dpkg or apt run; keeping them only pins the build date in the layer. */
const BUILD_LOGS = [
  "var/log/dpkg.log",
  "var/log/bootstrap.log",
  "var/log/alternatives.log",
  "var/log/apt/history.log",
  "var/log/apt/term.log",
  "var/log/apt/eipp.log.xz",
  "var/cache/ldconfig/aux-cache",
  "run/mount/utab",
];

/** Copied from the build host; the engine mounts its own over them in every container. */
const HOST_FILES = ["etc/hostname", "etc/resolv.conf"];

/**
 * Emptied, keeping the listed entries: downloaded packages and package lists (apt fetches them again,
 * and leaving them is the very mistake the course teaches to avoid), scratch files, and device nodes
 * (the engine provides /dev).
 */
const EMPTIED: readonly { dir: string; keep: readonly string[] }[] = [
  { dir: "var/cache/apt/archives", keep: ["partial", "lock"] },
  { dir: "var/lib/apt/lists", keep: ["partial", "lock"] },
  { dir: "tmp", keep: [] },
  { dir: "var/tmp", keep: [] },
  { dir: "dev", keep: [] },
];

/**
 * What Debian's official slim images leave out (docs, man pages, translations), except copyright
 * notices and locale metadata. Patterns are dpkg's: `*` also matches `/`.
 */
const SLIM_EXCLUDES = [
  "/usr/share/doc/*",
  "/usr/share/groff/*",
  "/usr/share/info/*",
  "/usr/share/linda/*",
  "/usr/share/lintian/overrides/*",
  "/usr/share/locale/*",
  "/usr/share/man/*",
];
const SLIM_INCLUDES = [
  "/usr/share/doc/*/copyright",
  "/usr/share/locale/all_languages",
  "/usr/share/locale/currency/*",
  "/usr/share/locale/l10n/*",
  "/usr/share/locale/languages",
  "/usr/share/locale/locale.alias",
];

/**
 * The apt and dpkg settings the official images carry (debuerreotype's minimizing config): apt deletes
 * the .deb files it downloaded once they are installed and keeps its lists compressed, so a
 * Dockerfile's `apt-get install` weighs here what it weighs on Docker Hub's image.
 */
const OFFICIAL_APT_CONFIG: readonly { path: string; text: string }[] = [
  {
    path: "etc/apt/apt.conf.d/docker-clean",
    text: [
      'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
      'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
      "",
      'Dir::Cache::pkgcache "";',
      'Dir::Cache::srcpkgcache "";',
    ].join("\n"),
  },
  { path: "etc/apt/apt.conf.d/docker-gzip-indexes", text: 'Acquire::GzipIndexes "true";' },
  { path: "etc/apt/apt.conf.d/docker-no-languages", text: 'Acquire::Languages "none";' },
  { path: "etc/apt/apt.conf.d/docker-autoremove-suggests", text: 'Apt::AutoRemove::SuggestsImportant "false";' },
  { path: "etc/dpkg/dpkg.cfg.d/docker-apt-speedup", text: "force-unsafe-io" },
];

export async function cleanDebianRootfs(rootfs: string): Promise<void> {
  await Promise.all(BUILD_LOGS.map((path) => rm(join(rootfs, path), { force: true })));
  await Promise.all(HOST_FILES.map((path) => writeFile(join(rootfs, path), "")));
  for (const { dir, keep } of EMPTIED) {
    const entries = await readdir(join(rootfs, dir)).catch(() => []);
    await Promise.all(entries.filter((name) => !keep.includes(name)).map((name) => rm(join(rootfs, dir, name), { recursive: true, force: true })));
  }
}

export async function addOfficialAptConfig(rootfs: string): Promise<void> {
  for (const { path, text } of OFFICIAL_APT_CONFIG) {
    await mkdir(dirname(join(rootfs, path)), { recursive: true });
    await writeFile(join(rootfs, path), `${text}\n`);
  }
}

/** Removes the excluded files and tells dpkg to keep excluding them, so packages a Dockerfile installs stay slim too. */
export async function slimDebianRootfs(rootfs: string): Promise<void> {
  const included = SLIM_INCLUDES.map(dpkgPattern);
  const keep = (path: string): boolean => included.some((pattern) => pattern.test(path));
  for (const exclude of SLIM_EXCLUDES) {
    await prune(rootfs, exclude.replace(/\/\*$/, ""), keep);
  }
  await mkdir(join(rootfs, "etc/dpkg/dpkg.cfg.d"), { recursive: true });
  const config = [
    "# Written by dockgrade: this is a slim image, and packages installed later stay slim.",
    ...SLIM_EXCLUDES.map((pattern) => `path-exclude ${pattern}`),
    ...SLIM_INCLUDES.map((pattern) => `path-include ${pattern}`),
  ];
  await writeFile(join(rootfs, "etc/dpkg/dpkg.cfg.d/dockgrade-slim"), `${config.join("\n")}\n`);
}

/** Deletes what `keep` rejects below `dir` (absolute in the image) and the directories left empty; true if `dir` is now empty. */
async function prune(rootfs: string, dir: string, keep: (path: string) => boolean): Promise<boolean> {
  const entries = await readdir(join(rootfs, dir), { withFileTypes: true }).catch(() => []);
  let kept = false;
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    // Dirents come from lstat: a symlink to a directory is deleted as a link, never followed.
    if (entry.isDirectory()) {
      if (await prune(rootfs, path, keep)) await rmdir(join(rootfs, path));
      else kept = true;
    } else if (keep(path)) kept = true;
    else await rm(join(rootfs, path));
  }
  return !kept;
}

/** dpkg matches path-exclude patterns with fnmatch() and no flags: `*` and `?` match `/` too. */
function dpkgPattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}
