#!/bin/sh
# Le front de l'exercice : une page d'accueil, /health, et /cgi-bin/stats qui interroge l'API
# (API_URL) à chaque requête.
set -eu
trap 'exit 0' TERM INT
echo "web : démarrage sur le port 8080 (API_URL=${API_URL:-non définie})"
httpd -f -p 8080 -h /srv/web &
server=$!
trap 'kill "$server"; exit 0' TERM INT
wait "$server"
