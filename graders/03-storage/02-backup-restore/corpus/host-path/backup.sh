#!/bin/sh
# Lecture directe du dossier interne de Docker (root, Linux seulement).
set -eu
tar czf "$BACKUP_DIR/kv-data.tar.gz" -C "/var/lib/docker/volumes/${COMPOSE_PROJECT_NAME}_kv-data/_data" .
