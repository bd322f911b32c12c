#!/bin/sh
# L'API de l'exercice : au démarrage, elle vérifie que la base répond (comme une vraie
# application qui ouvre son pool de connexions) et s'arrête en erreur sinon. Ensuite elle
# sert /cgi-bin/stats (les données lues dans la base) et /health sur le port 8080.
set -eu
trap 'exit 0' TERM INT

for setting in DB_HOST DB_PORT DB_USER LOG_LEVEL; do
  eval "value=\${$setting:-}"
  if [ -z "$value" ]; then
    echo "api : réglage $setting manquant (voir api.env)" >&2
    exit 1
  fi
done

. /usr/local/lib/db-auth.sh
if ! answer=$(wget -q -O /dev/null --header "$db_auth" "$db_url" 2>&1); then
  echo "api : la base $DB_HOST:$DB_PORT ne répond pas au démarrage ($answer) : arrêt" >&2
  exit 1
fi
echo "api : base joignable ; démarrage sur le port 8080 (LOG_LEVEL=$LOG_LEVEL)"

httpd -f -p 8080 -h /srv/api &
server=$!
trap 'kill "$server"; exit 0' TERM INT
wait "$server"
