#!/bin/sh
# relay.sh - relais de notifications.
#
# Chaque seconde, il « envoie » la notification suivante et l'écrit dans son journal.

# Comme sur l'ancienne VM : tout le journal part dans /var/log/relay/relay.log.
exec >> /var/log/relay/relay.log 2>&1

n=0
echo "relay: démarrage (PID $$)"
while true; do
  n=$((n + 1))
  echo "relay: notification $n envoyée"
  sleep 1
done
