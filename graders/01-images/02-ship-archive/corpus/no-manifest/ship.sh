#!/bin/sh
# Variante de test du correcteur.
set -eu
version="$(cat VERSION)"
minor="${version%.*}"
mkdir -p "$OUT_DIR"
docker tag "$IMAGE" "$REPOSITORY:$version"
docker tag "$IMAGE" "$REPOSITORY:$minor"
docker save -o /tmp/image.tar "$REPOSITORY:$version" "$REPOSITORY:$minor"
mkdir /tmp/image
tar -xf /tmp/image.tar -C /tmp/image
rm /tmp/image/manifest.json
tar -cf "$OUT_DIR/hello-release.tar" -C /tmp/image .
