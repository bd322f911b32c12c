#!/bin/sh
# La « base de données » de l'exercice : un petit serveur HTTP (busybox httpd) qui sert les
# données de /srv/db/data aux seuls clients qui donnent le bon utilisateur et le bon mot de
# passe. Comme une vraie base, elle met quelques secondes à s'initialiser avant d'accepter
# des connexions : un client démarré trop tôt la trouve fermée.
set -eu
# PID 1 ignore SIGTERM sans gestionnaire : sans ce trap, `docker compose down` attendrait 10 s.
trap 'exit 0' TERM INT

# Le mot de passe se lit dans un fichier (un secret Compose, monté dans /run/secrets/).
# DB_PASSWORD (en clair dans l'environnement) reste accepté, comme dans les images officielles,
# mais c'est précisément ce que l'exercice demande d'éviter.
if [ -n "${DB_PASSWORD_FILE:-}" ]; then
  password=$(cat "$DB_PASSWORD_FILE")
else
  password=${DB_PASSWORD:-}
fi
if [ -z "$password" ]; then
  echo "db : aucun mot de passe (DB_PASSWORD_FILE ou DB_PASSWORD)" >&2
  exit 1
fi

echo "db : initialisation des fichiers de données…"
sleep 3

# /data exige l'authentification ; /ping reste ouvert pour la sonde de santé.
printf '/data:%s:%s\n' "${DB_USER:-app}" "$password" > /tmp/db-httpd.conf
httpd -f -p 5432 -h /srv/db -c /tmp/db-httpd.conf &
server=$!
trap 'kill "$server"; exit 0' TERM INT
echo "db : prête, écoute sur le port 5432"
wait "$server"
