#!/bin/sh
# Restauration : on recopie le dossier dans le conteneur.
docker cp "$BACKUP_DIR/kv/." "${COMPOSE_PROJECT_NAME}-db-1:/var/lib/kv"
