#!/bin/sh
# Livre l'image construite par le pipeline sous forme d'une archive `docker save`, avec les tags
# de la version : 1.4.0 (la version exacte) et 1.4 (la dernière 1.4.x).
#
# Contrat : IMAGE (l'image construite), REPOSITORY (le dépôt où étiqueter la version) et OUT_DIR
# (dossier absolu où écrire l'archive). La version est dans le fichier VERSION.
set -eu

: "${IMAGE:?définissez IMAGE (l'image à livrer)}"
: "${REPOSITORY:?définissez REPOSITORY (le dépôt de la version)}"
: "${OUT_DIR:?définissez OUT_DIR (dossier absolu de l'archive)}"

version="$(cat VERSION)"
minor="${version%.*}"   # 1.4.0 -> 1.4

# Un tag n'est qu'un nom de plus pour la même image : aucune copie.
docker tag "$IMAGE" "$REPOSITORY:$version"
docker tag "$IMAGE" "$REPOSITORY:$minor"

# Sauvegardée par ses noms (et non par son id), l'archive garde les tags dans manifest.json :
# `docker load` les recréera.
mkdir -p "$OUT_DIR"
docker save -o "$OUT_DIR/hello-release_$version.tar" "$REPOSITORY:$version" "$REPOSITORY:$minor"

echo "archive : $OUT_DIR/hello-release_$version.tar"
