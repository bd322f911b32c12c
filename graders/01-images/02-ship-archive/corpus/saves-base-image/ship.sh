#!/bin/sh
# Variante de test du correcteur.
set -eu
version="$(cat VERSION)"
minor="${version%.*}"
mkdir -p "$OUT_DIR"
docker tag "$IMAGE" "$REPOSITORY:$version"
docker tag "$IMAGE" "$REPOSITORY:$minor"
docker save -o "$OUT_DIR/hello-release.tar" "$REPOSITORY:$version" "$REPOSITORY:$minor" busybox:1.37
