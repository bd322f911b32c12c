#!/usr/bin/env bash
# Makes a Docker engine with BuildKit (buildx) and Compose v2 answer on this machine.
#
# Idempotent: installs only what is missing, starts dockerd only when nothing answers.
# Installing is for Debian/Ubuntu as root. Debian 12's own docker.io is 20.10 with no buildx and
# Compose v1 only, so the engine comes from the trixie suite, pinned low (priority 100). Only the
# named packages are taken from trixie (`pkg/trixie`): `-t trixie` would raise the whole suite for
# the command and upgrade libc6, systemd and some 150 other packages. Recommends are skipped (they
# pull needrestart, git…); apparmor is added where the kernel enforces it, as dockerd then needs
# its parser. debootstrap is installed too: the grader builds debian:12-slim with it when no
# registry answers, and busybox from source inside that image (harness/images).
set -euo pipefail

log() { printf 'engine: %s\n' "$*" >&2; }
die() { printf 'engine: %s\n' "$*" >&2; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }
has_buildx() { docker buildx version >/dev/null 2>&1; }
has_compose_v2() { docker compose version >/dev/null 2>&1; }

debian_like() { [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; }

install_packages() {
  [ "$(id -u)" = 0 ] || die "installing Docker needs root. Install Docker Engine with buildx and Compose v2 (https://docs.docker.com/engine/install/), then run this again."
  debian_like || die "automatic install covers Debian and Ubuntu only. Install Docker Engine with buildx and Compose v2 for your system, then run this again."
  export DEBIAN_FRONTEND=noninteractive
  local codename; codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ "$codename" = bookworm ]; then
    log "adding Debian trixie with a low pin for docker.io, docker-buildx and docker-compose"
    cat >/etc/apt/sources.list.d/dockgrade-trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    cat >/etc/apt/preferences.d/dockgrade-trixie <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
      docker.io/trixie docker-cli/trixie docker-buildx/trixie docker-compose/trixie $(apparmor_if_enforced) >/dev/null
  else
    apt-get update -qq
    apt-get install -y -qq docker.io docker-buildx docker-compose-v2 >/dev/null 2>&1 \
      || apt-get install -y -qq docker.io docker-buildx docker-compose >/dev/null
  fi
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}

apparmor_if_enforced() {
  [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] && echo apparmor || true
}

start_dockerd() {
  command -v dockerd >/dev/null || die "dockerd is not installed."
  [ "$(id -u)" = 0 ] || die "the Docker daemon is not running and starting it needs root: run 'sudo systemctl start docker' (or start Docker Desktop)."
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    log "starting docker with systemd"
    systemctl start docker && return 0
  fi
  log "starting dockerd (log: /var/log/dockgrade-dockerd.log)"
  # setsid + nohup: the daemon outlives this script and the shell that ran it.
  setsid nohup dockerd >/var/log/dockgrade-dockerd.log 2>&1 </dev/null &
}

wait_for_engine() {
  local deadline=$((SECONDS + ${1:-90}))
  until engine_answers; do
    [ $SECONDS -lt $deadline ] || { tail -n 20 /var/log/dockgrade-dockerd.log >&2 2>/dev/null || true; die "dockerd did not answer in time."; }
    sleep 1
  done
}

if ! command -v dockerd >/dev/null || ! has_buildx || ! has_compose_v2 \
   || ! command -v debootstrap >/dev/null || ! [ -x /bin/busybox ]; then
  engine_answers && has_buildx && has_compose_v2 || install_packages
fi
engine_answers || { start_dockerd; wait_for_engine 90; }
has_buildx || die "docker buildx is missing: install the docker-buildx-plugin package."
has_compose_v2 || die "docker compose (v2) is missing: install the docker-compose-plugin package."
log "ready: engine $(docker version --format '{{.Server.Version}}'), $(docker buildx version | cut -d' ' -f1-2), compose $(docker compose version --short)"
