#!/bin/sh
# L'application de la boutique : un site statique servi par busybox httpd sur le port 8080.
# LOG_LEVEL=debug (développement) rend le serveur bavard : une ligne de journal par requête.
set -eu
trap 'exit 0' TERM INT
level=${LOG_LEVEL:-info}
echo "app : démarrage sur le port 8080 (LOG_LEVEL=$level)"
verbose=""
if [ "$level" = debug ]; then
  echo "app : [debug] contenu servi depuis /srv/www : $(ls /srv/www | tr '\n' ' ')"
  verbose="-v"
fi
httpd -f $verbose -p 8080 -h /srv/www &
server=$!
trap 'kill "$server"; exit 0' TERM INT
wait "$server"
