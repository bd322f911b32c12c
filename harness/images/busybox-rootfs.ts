import { Readable } from "node:stream";
import { pack } from "tar-stream";

/**
 * The root file system of the official busybox image, written straight into a tar: the binary, one
 * relative symlink per applet in /bin, and the user and group files the official image takes from
 * buildroot's skeleton (so `USER nobody` and `id` behave the same). Every entry is owned by root
 * whoever runs the grader, and carries one fixed date, so the same busybox always gives the same layer.
 */

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65533:
nogroup:x:65534:
`;

/** No password for anyone: `*` locks each account (root too, unlike buildroot's empty one; CVE-2019-5021). */
const SHADOW = PASSWD.split("\n")
  .filter(Boolean)
  .map((line) => `${line.split(":")[0]}:*:::::::`)
  .join("\n");

const DIRECTORIES: readonly [path: string, mode: number][] = [
  ["bin", 0o755],
  ["dev", 0o755],
  ["etc", 0o755],
  ["home", 0o755],
  ["proc", 0o555],
  ["root", 0o700],
  ["sys", 0o555],
  ["tmp", 0o1777],
  ["usr", 0o755],
  ["usr/bin", 0o755],
  ["var", 0o755],
  ["var/spool", 0o755],
  ["var/spool/mail", 0o755],
  ["var/www", 0o755],
];

/** Applet names come from `busybox --list`; anything that could escape /bin is refused. */
const APPLET_NAME = /^[\w.[\]-]+$/;

export function packBusyboxRootfs(binary: Buffer, applets: readonly string[], mtime: Date): Readable {
  const tar = pack();
  const owner = { uid: 0, gid: 0, uname: "root", gname: "root", mtime };
  for (const [name, mode] of DIRECTORIES) tar.entry({ ...owner, name, mode, type: "directory" });
  tar.entry({ ...owner, name: "bin/busybox", mode: 0o755 }, binary);
  for (const applet of applets) {
    if (applet === "busybox" || !APPLET_NAME.test(applet)) continue;
    tar.entry({ ...owner, name: `bin/${applet}`, type: "symlink", linkname: "busybox", mode: 0o777 });
  }
  tar.entry({ ...owner, name: "usr/bin/env", type: "symlink", linkname: "../../bin/env", mode: 0o777 });
  tar.entry({ ...owner, name: "etc/passwd", mode: 0o644 }, PASSWD);
  tar.entry({ ...owner, name: "etc/group", mode: 0o644 }, GROUP);
  tar.entry({ ...owner, name: "etc/shadow", mode: 0o600 }, `${SHADOW}\n`);
  tar.finalize();
  // tar-stream's pack is a streamx stream; the engine client expects a Node stream.
  return Readable.from(tar);
}
