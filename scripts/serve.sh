#!/usr/bin/env bash
# Installs what is missing, builds the release and serves it on http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh build
step "release build" trunk build --release --offline
exec node scripts/serve.mjs dist "${PORT:-8080}"
