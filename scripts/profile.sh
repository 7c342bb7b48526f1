#!/usr/bin/env bash
# Where the time goes (not part of the tests): builds the release, then the same wasm with its
# function names kept, and prints the functions that take the most time in Chromium at 4× CPU
# slowdown with 5,000 resources and 2,000 check-ins stored — while the app starts, and while
# words are typed into the shelf's search. For work on the budgets `make bench` reports.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh test
step "release build" trunk build --release --offline

out=target/profile
step "release wasm with names" env CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --locked --target wasm32-unknown-unknown --bin branch-out --target-dir "$out"
rm -rf "$out/bindgen" "$out/dist"
step "wasm-bindgen" wasm-bindgen --target web --keep-debug --out-name main --out-dir "$out/bindgen" \
  "$out/wasm32-unknown-unknown/release/branch-out.wasm"
step "wasm-opt, names kept" node_modules/binaryen/bin/wasm-opt -Oz -g \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue \
  "$out/bindgen/main_bg.wasm" -o "$out/named.wasm"

# The release's files, with the app's folder holding the named wasm, unsplit (built without
# `--features split`, so every screen is in it and nothing is fetched later), and its loader;
# their integrity attributes no longer match, so they are dropped (and the profile runs
# without the service worker, whose precache list checks the same hashes).
cp -r dist "$out/dist"
app=$(cd "$out/dist" && ls -d app-*)
rm -rf "${out:?}/dist/$app" && mkdir "$out/dist/$app"
cp "$out/named.wasm" "$out/dist/$app/main_bg.wasm"
cp -r "$out/bindgen/main.js" "$out/bindgen/snippets" "$out/dist/$app/"
sed -i 's/ integrity="[^"]*"//g' "$out/dist/index.html"
node bench/profile.mjs "$out/dist"
