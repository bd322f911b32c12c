#!/bin/sh
# L'archive est écrite dans le conteneur utilitaire... qui disparaît avec --rm.
set -eu
volume="${COMPOSE_PROJECT_NAME}_kv-data"
docker run --rm --network none \
  -v "$volume:/data:ro" \
  busybox:1.37 \
  tar czf /tmp/kv-data.tar.gz -C /data .
