#!/bin/sh
# Restauration du volume kv-data depuis l'archive de backup.sh, par un conteneur utilitaire.
# tar, lancé en root dans le conteneur, rend à chaque fichier son propriétaire (UID 10001) et
# ses droits : kvd pourra de nouveau écrire.
#
# Contrat : COMPOSE_PROJECT_NAME et BACKUP_DIR, comme pour backup.sh. La stack est arrêtée.
set -eu

: "${COMPOSE_PROJECT_NAME:?définissez COMPOSE_PROJECT_NAME (le nom du projet Compose)}"
: "${BACKUP_DIR:?définissez BACKUP_DIR (dossier absolu de la sauvegarde)}"
volume="${COMPOSE_PROJECT_NAME}_kv-data"
archive="$BACKUP_DIR/kv-data.tar.gz"

[ -f "$archive" ] || { echo "archive introuvable : $archive" >&2; exit 1; }

# On restaure dans un volume vide : un volume qui contient déjà des données n'est pas écrasé.
docker volume create "$volume" > /dev/null
docker run --rm --network none \
  -v "$volume:/data" \
  -v "$BACKUP_DIR:/backup:ro" \
  busybox:1.37 \
  sh -c 'if [ -n "$(ls -A /data)" ]; then echo "le volume n est pas vide : restauration annulée" >&2; exit 1; fi
         tar xzf /backup/kv-data.tar.gz -C /data'

echo "restauration : $volume depuis $archive"
