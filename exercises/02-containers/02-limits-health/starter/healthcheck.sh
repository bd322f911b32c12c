#!/bin/sh
# healthcheck.sh - sonde de santé du worker : code 0 si son dernier battement de cœur a
# au plus 3 secondes, code 1 sinon. Elle vérifie que le travail avance, pas seulement
# qu'un processus existe.
beat=$(cat "${STATE_DIR:-/run/worker}/heartbeat" 2>/dev/null) || { echo "aucun battement de cœur"; exit 1; }
age=$(( $(date +%s) - beat ))
if [ "$age" -le 3 ]; then
  echo "ok : dernier battement il y a ${age} s"
  exit 0
fi
echo "bloqué : dernier battement il y a ${age} s"
exit 1
