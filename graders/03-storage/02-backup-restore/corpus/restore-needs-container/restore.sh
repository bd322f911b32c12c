#!/bin/sh
# Restauration à travers le conteneur de la base (--volumes-from)... qui n'existe plus après un down.
set -eu
docker run --rm --network none \
  --volumes-from "${COMPOSE_PROJECT_NAME}-db-1" \
  -v "$BACKUP_DIR:/backup:ro" \
  busybox:1.37 \
  tar xzf /backup/kv-data.tar.gz -C /var/lib/kv
