#!/usr/bin/env bash
# The benchmark (not part of the tests): builds the release, then prints sizes (raw, gzip,
# brotli), the first-load total against its budget, and Lighthouse scores in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh test
if [ -f bench/node_modules/.installed-lock ] && cmp -s bench/package-lock.json bench/node_modules/.installed-lock; then
  :
else
  (cd bench && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-lock)
fi
step "release build" trunk build --release --offline
node bench/bench.mjs dist
