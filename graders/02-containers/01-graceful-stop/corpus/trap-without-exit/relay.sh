#!/bin/sh
# Variante de test du correcteur : le gestionnaire écrit un message mais la boucle ne
# s'arrête jamais ; docker stop finit par SIGKILL.
trap 'echo "relay: arrêt demandé"' TERM INT

n=0
echo "relay: démarrage (PID $$)"
while true; do
  n=$((n + 1))
  echo "relay: notification $n envoyée"
  sleep 1 &
  wait $!
done
