#!/bin/sh
# Variante de test du correcteur.
set -eu
version="$(cat VERSION)"
minor="${version%.*}"
mkdir -p "$OUT_DIR"
docker tag "$IMAGE" "hello-release:$version"
docker tag "$IMAGE" "hello-release:$minor"
docker save -o "$OUT_DIR/hello-release.tar" "hello-release:$version" "hello-release:$minor"
