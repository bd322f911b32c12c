#!/usr/bin/env bash
# The engine work of grading 06-compose/01-web-api-db, done by hand with the docker CLI: the same three
# builds, the stack started with the run's labels and limits and waited healthy, the same inspections,
# secret reads and end-to-end probe, the same clean-up. The overhead benchmark runs it against the
# grader on the same submission, alternating. Usage: 06-compose.sh SUBMISSION_DIR [RUN_ID]
# (the benchmark holds RUN_ID's lease, so a grader started meanwhile does not sweep the script's objects)
set -euo pipefail
dir=$1
run=${2:-bench$$}
project="dockgrade-$run"
override=$(mktemp --suffix=.yaml)
compose=(docker compose --project-name "$project" --project-directory "$dir" -f "$dir/compose.yaml" -f "$override")
labels=(--label dockgrade.run="$run" --label dockgrade.exercise=06-compose/01-web-api-db)
services=(api db web)
trap '"${compose[@]}" down --remove-orphans --timeout 1 --volumes >/dev/null 2>&1 || true; for s in "${services[@]}"; do docker rmi -f "$project-$s" >/dev/null 2>&1 || true; done; rm -f "$override"' EXIT

# The grader's override: its labels and ceilings on every service.
{
  echo "services:"
  for s in "${services[@]}"; do
    printf '  %s:\n    labels: { dockgrade.run: "%s", dockgrade.exercise: 06-compose/01-web-api-db }\n' "$s" "$run"
    printf '    mem_limit: 1g\n    memswap_limit: 1g\n    pids_limit: 512\n    logging: { driver: json-file, options: { max-size: 10m, max-file: "1" } }\n'
  done
} >"$override"

docker image inspect busybox:1.37 >/dev/null
for s in "${services[@]}"; do
  docker buildx build --load --progress=plain --file "$dir/$s/Dockerfile" --tag "$project-$s" "${labels[@]}" "$dir/$s" >/dev/null 2>&1
done
"${compose[@]}" up --detach --no-build --wait >/dev/null 2>&1
ids=$("${compose[@]}" ps --all --quiet)
docker inspect $ids >/dev/null
for s in db api; do "${compose[@]}" exec -T "$s" cat /run/secrets/db_password >/dev/null; done
web=$("${compose[@]}" ps --quiet web)
docker run --rm --network "container:$web" "${labels[@]}" busybox:1.37 timeout 10 wget -q -O - http://127.0.0.1:8080/cgi-bin/stats | grep -q "42 articles"
"${compose[@]}" down --remove-orphans --timeout 1 --volumes >/dev/null 2>&1
for s in "${services[@]}"; do docker rmi -f "$project-$s" >/dev/null; done
