#!/bin/sh
# Sauvegarde à froid du volume kv-data : un conteneur utilitaire monte le volume (en lecture
# seule) et le dossier de sauvegarde, archive, puis disparaît (--rm).
#
# Contrat : COMPOSE_PROJECT_NAME (le nom du projet Compose) et BACKUP_DIR (dossier absolu où va
# l'archive). Arrêtez la stack d'abord (`docker compose stop`) : rien ne doit écrire pendant l'archive.
set -eu

: "${COMPOSE_PROJECT_NAME:?définissez COMPOSE_PROJECT_NAME (le nom du projet Compose)}"
: "${BACKUP_DIR:?définissez BACKUP_DIR (dossier absolu de la sauvegarde)}"
volume="${COMPOSE_PROJECT_NAME}-kv-data"


mkdir -p "$BACKUP_DIR"
docker run --rm --network none \
  -v "$volume:/data:ro" \
  -v "$BACKUP_DIR:/backup" \
  busybox:1.37 \
  tar czf /backup/kv-data.tar.gz -C /data .

echo "sauvegarde : $BACKUP_DIR/kv-data.tar.gz"
