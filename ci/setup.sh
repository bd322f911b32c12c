#!/usr/bin/env bash
# Everything a fresh machine needs before grading or testing: a Docker engine with BuildKit and
# Compose v2 (ci/engine.sh installs and starts it where it can), then the project's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/engine.sh
# Reinstall only when package-lock.json changed since the last install (its hash is kept in node_modules).
stamp=node_modules/.dockgrade-lock.sha256
if ! sha256sum --check --status "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund
  sha256sum package-lock.json >"$stamp"
fi
