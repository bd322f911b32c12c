#!/bin/sh
# Variante de test du correcteur : aucun gestionnaire de signal. Sous init: true, le relais
# n'est pas PID 1 : SIGTERM le tue (code 143) au milieu de son travail.
n=0
echo "relay: démarrage (PID $$)"
while true; do
  n=$((n + 1))
  echo "relay: notification $n envoyée"
  sleep 1
done
