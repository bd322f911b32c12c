#!/bin/sh
# La « base de données » de la boutique : un petit serveur HTTP qui sert /data/orders sur le
# port 5432, après une courte initialisation.
set -eu
trap 'exit 0' TERM INT
echo "db : initialisation…"
sleep 1
httpd -f -p 5432 -h /srv/db &
server=$!
trap 'kill "$server"; exit 0' TERM INT
echo "db : prête, écoute sur le port 5432"
wait "$server"
