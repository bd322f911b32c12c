#!/bin/sh
# Sauvegarde : on copie le dossier de données hors du conteneur de la base.
docker cp "${COMPOSE_PROJECT_NAME}-db-1:/var/lib/kv" "$BACKUP_DIR/kv"
