#!/bin/sh
# Fourni, ne pas modifier. Simule `npm ci` contre le registre privé de l'équipe, qui exige un jeton.
# Provided, do not change. Simulates `npm ci` against the team's private registry, which wants a token.
#
# Usage : sh fetch-vendor.sh <fichier contenant le jeton> <dossier de destination>
set -eu
token=$(cat "$1" 2>/dev/null || true)
if [ -z "$token" ]; then
  echo "fetch-vendor: 401 Unauthorized: no token in $1" >&2
  exit 1
fi
mkdir -p "$2"
# Les paquets « téléchargés » sont livrés avec le contexte : le build n'a pas de réseau.
cp -R "$(dirname "$0")/vendor/." "$2/"
# Le reçu que garde le journal d'audit du registre : quelle clé a servi (son empreinte, jamais la clé).
printf 'token-sha256=%s\n' "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)" > "$2/.receipt"
echo "fetch-vendor: installed $(ls "$2" | wc -l) package(s) into $2"
