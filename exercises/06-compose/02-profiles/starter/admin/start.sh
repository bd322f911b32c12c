#!/bin/sh
# La console d'administration : un outil de développement qui lit la base (DB_URL) et
# l'affiche sur /cgi-bin/status, port 8081. Elle n'a rien à faire en production.
set -eu
trap 'exit 0' TERM INT
echo "admin : démarrage sur le port 8081 (DB_URL=${DB_URL:-non définie})"
httpd -f -p 8081 -h /srv/admin &
server=$!
trap 'kill "$server"; exit 0' TERM INT
wait "$server"
