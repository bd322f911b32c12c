#!/bin/sh
# Première version du script de livraison (à corriger).
set -eu

docker save "$IMAGE" > image.tar
echo "archive : image.tar"
