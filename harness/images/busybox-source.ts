import { DEFAULT_PATH_ENV } from "./offline-builder.ts";

/**
 * What the offline busybox image is built from, and how: upstream's source compiled the way the
 * official image compiles it (`make defconfig`), statically, in a stage of the offline Debian image.
 * Debian's own busybox-static cannot stand in: Debian turns adduser, addgroup and deluser off, and
 * the course's Dockerfiles use them. Pure: the Dockerfile as text, no engine and no file system.
 */

export const BUSYBOX_VERSION = "1.37.0";

/**
 * Upstream's tarball, as Debian's source package carries it (byte for byte: the checksum is both
 * busybox.net's and the one in trixie's busybox_1.37.0-6.dsc). Debian's mirror, because it is the
 * one server a machine without a registry is known to reach, over plain http: the checksum is what
 * makes the download trustworthy.
 */
const TARBALL_URL = `http://deb.debian.org/debian/pool/main/b/busybox/busybox_${BUSYBOX_VERSION}.orig.tar.bz2`;
const TARBALL_SHA256 = "3311dff32e746499f4df0d5df04d7eb396382d7e108bb9250e7b519b837043a4";

/** The stage the compiler runs in; it must be present first (an offline image of its own). */
export const BUSYBOX_BUILD_BASE = "debian:12-slim";

/** The build context's folder that holds the account files (busybox-skeleton.ts). */
export const SKELETON_DIR = "skeleton";

/**
 * Three stages, so that BuildKit's cache keeps the toolchain and the compiled binary: building the
 * image again (another tag, or after it was removed) takes seconds, not the minute of a first build.
 * The layout follows the official image's Dockerfile.builder: hard links in /bin for every applet,
 * buildroot's device table for the directories, and each account's home created and owned by it
 * where it is missing (so /home belongs to nobody, as there).
 */
export function busyboxDockerfile(): string {
  return `# Written by dockgrade (harness/images/busybox-source.ts): busybox ${BUSYBOX_VERSION} from source, with no registry.
FROM ${BUSYBOX_BUILD_BASE} AS toolchain
RUN set -eux; \\
    apt-get update; \\
    apt-get install -y --no-install-recommends bzip2 gcc libc6-dev make; \\
    rm -rf /var/lib/apt/lists/*

FROM toolchain AS compile
# apt-helper is apt's own downloader: the slim image has neither curl nor wget, and it checks the hash.
RUN set -eux; \\
    /usr/lib/apt/apt-helper download-file ${TARBALL_URL} /usr/src/busybox.tar.bz2 SHA256:${TARBALL_SHA256}; \\
    mkdir /usr/src/busybox; \\
    tar -xjf /usr/src/busybox.tar.bz2 -C /usr/src/busybox --strip-components=1; \\
    rm /usr/src/busybox.tar.bz2
WORKDIR /usr/src/busybox
# The official image leaves out FEATURE_SYNC_FANCY (syncfs, absent on old kernels); static because
# the image has no libc. The build date in the binary is the source's, so one source gives one binary.
RUN set -eux; \\
    export SOURCE_DATE_EPOCH="$(stat -c %Y Makefile)"; \\
    make defconfig > /dev/null; \\
    sed -i -e 's/^# CONFIG_STATIC is not set$/CONFIG_STATIC=y/' \\
        -e 's/^CONFIG_FEATURE_SYNC_FANCY=y$/# CONFIG_FEATURE_SYNC_FANCY is not set/' .config; \\
    for applet in STATIC ADDUSER ADDGROUP DELUSER SU WGET NC HTTPD; do grep -qx "CONFIG_$applet=y" .config; done; \\
    make -j"$(nproc)" busybox > /dev/null; \\
    ./busybox | head -n 1

FROM compile AS rootfs
COPY ${SKELETON_DIR}/ /usr/src/skeleton/
RUN set -eux; \\
    mkdir /rootfs; cd /rootfs; \\
    mkdir -p bin dev etc root tmp usr/bin var/www etc/network/if-up.d etc/network/if-pre-up.d etc/network/if-down.d etc/network/if-post-down.d; \\
    chmod 700 root; chmod 1777 tmp; \\
    install -m 755 /usr/src/busybox/busybox bin/busybox; \\
    chroot . /bin/busybox --install /bin; \\
    install -m 644 /usr/src/skeleton/passwd /usr/src/skeleton/group etc/; \\
    install -m 600 /usr/src/skeleton/shadow etc/; \\
    awk -F: '{ print $3 ":" $4, $6 }' etc/passwd | while read -r owner home; do \\
        if [ ! -d ".$home" ]; then mkdir -p ".$home"; chown "$owner" ".$home"; chmod 755 ".$home"; fi; \\
    done; \\
    ln -s ../../bin/env usr/bin/env; \\
    cp /usr/share/zoneinfo/UTC etc/localtime; \\
    chroot . /usr/bin/env sh -ec 'id nobody; [ "$(date +%Z)" = UTC ]'

FROM scratch
COPY --from=rootfs /rootfs/ /
${DEFAULT_PATH_ENV}
CMD ["sh"]
`;
}
