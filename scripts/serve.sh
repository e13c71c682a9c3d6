#!/usr/bin/env bash
# Serves SLO Workbench locally: installs what is missing, builds, prints the URL.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_build_tools
cd "$ROOT"
PORT="${PORT:-8080}"
echo "SLO Workbench will be at http://127.0.0.1:$PORT/"
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$PORT"
