#!/usr/bin/env bash
# The engine work of grading 05-build/01-multi-stage, done by hand with the docker CLI: the same build,
# the same inspections, the same container and waits, the same clean-up. The overhead benchmark runs
# it against the grader on the same submission, alternating. Usage: 05-build.sh SUBMISSION_DIR [RUN_ID]
# (the benchmark holds RUN_ID's lease, so a grader started meanwhile does not sweep the script's objects)
set -euo pipefail
context=$1
run=${2:-bench$$}
tag="dockgrade-bench-$run:latest"
labels=(--label dockgrade.run="$run" --label dockgrade.exercise=05-build/01-multi-stage)
trap 'docker rm -f "$run-app" >/dev/null 2>&1 || true; docker network rm "$run" >/dev/null 2>&1 || true; docker rmi -f "$tag" >/dev/null 2>&1 || true' EXIT

docker buildx build --load --progress=plain --file "$context/Dockerfile" --tag "$tag" "${labels[@]}" "$context" >/dev/null 2>&1
docker image history --no-trunc "$tag" >/dev/null
docker image inspect "$tag" debian:12-slim busybox:1.37 >/dev/null
docker save "$tag" >/dev/null
docker network create "${labels[@]}" "$run" >/dev/null
docker run --detach --name "$run-app" --network "$run" "${labels[@]}" --memory 1g --pids-limit 512 "$tag" >/dev/null
until [ "$(docker inspect --format '{{.State.Health.Status}}' "$run-app")" = healthy ]; do sleep 0.25; done
docker exec "$run-app" id -u >/dev/null
docker rm --force "$run-app" >/dev/null
docker network rm "$run" >/dev/null
docker rmi --force "$tag" >/dev/null
