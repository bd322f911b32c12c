#!/bin/sh
# relay.sh - relais de notifications (exercice 02-containers/01-graceful-stop).
#
# Chaque seconde, il « envoie » la notification suivante et l'écrit dans son journal.
# À SIGTERM (docker stop) ou SIGINT (Ctrl+C), il finit l'envoi en cours, le dit,
# puis s'arrête avec le code 0.

# Variante de test du correcteur : le journal part dans un fichier du conteneur.
exec >> /tmp/relay.log 2>&1
stopping=0
# Le gestionnaire lève seulement un drapeau : c'est la boucle qui termine proprement.
trap 'stopping=1' TERM INT

n=0
echo "relay: démarrage (PID $$)"
while [ "$stopping" -eq 0 ]; do
  n=$((n + 1))
  echo "relay: notification $n envoyée"
  # Attente interruptible : le shell n'exécute un trap qu'une fois la commande au premier
  # plan terminée ; `wait` rend la main dès qu'un signal arrive.
  sleep 1 &
  wait $!
done
echo "relay: signal reçu, envoi en cours terminé, arrêt propre après $n notifications"
exit 0
