#!/bin/sh
# worker.sh - traite une file de travaux (exercice 02-containers/02-limits-health).
#
# Chaque seconde, il traite un travail : un fichier de travail dans /tmp, une ligne dans
# le journal, puis un battement de cœur (l'heure, en secondes) dans $STATE_DIR/heartbeat.
# S'il ne peut pas écrire, il le signale et ne bat plus : la sonde de santé le verra.
state_dir=${STATE_DIR:-/run/worker}
trap 'echo "worker: arrêt demandé, $n travaux traités"; exit 0' TERM INT

n=0
echo "worker: démarrage (PID $$), état dans $state_dir"
while :; do
  n=$((n + 1))
  if echo "travail $n" > /tmp/job.txt \
     && date +%s > "$state_dir/heartbeat.new" \
     && mv "$state_dir/heartbeat.new" "$state_dir/heartbeat"; then
    echo "worker: travail $n traité"
  else
    echo "worker: impossible d'écrire dans /tmp ou $state_dir (travail $n perdu)" >&2
  fi
  sleep 1 &
  wait $!
done
