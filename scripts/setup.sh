#!/usr/bin/env bash
# Installs whatever Branch Out's build and tests need and is missing; a second run on a ready
# machine installs nothing. Works on the offline machines of TOOLCHAIN.md: only crates.io, npm
# and Debian's packages are reached.
#   scripts/setup.sh build   tools to build and serve the app
#   scripts/setup.sh test    those plus Chromium and chromedriver for the browser tests (default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
what=${1:-test}

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

have() { printf '    have %s\n' "$1"; }

# The toolchain named in rust-toolchain.toml, with its wasm target.
rustup show active-toolchain >/dev/null
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  have "wasm32-unknown-unknown target"
else
  rustup target add wasm32-unknown-unknown
fi

if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  have "trunk $TRUNK_VERSION"
else
  # 0.22 needs a newer rustc than these machines have.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  have "wasm-bindgen $WASM_BINDGEN_VERSION"
else
  # Without --locked: a locked dependency is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Splits the release wasm at the split points of src/ui/lazy.rs (scripts/wasm.mjs), as
# cargo-leptos does; Trunk 0.21 has no such step. Its runtime half is wasm_split_helpers,
# which Leptos pulls in at the version in Cargo.lock.
WASM_SPLIT_VERSION=0.2.4
if command -v wasm-split-cli >/dev/null \
  && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  have "wasm-split-cli $WASM_SPLIT_VERSION"
else
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# wasm-opt (npm binaryen; Debian's is too old), Playwright and axe-core.
if [ -f node_modules/.installed-lock ] && cmp -s package-lock.json node_modules/.installed-lock; then
  have "npm packages"
else
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi

if [ "$what" = test ]; then
  # Chromium for the browser tests, and nginx, which the e2e suite starts itself on 127.0.0.1
  # to serve the build as a district's web server would (never as the system service).
  missing=()
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing+=(chromium chromium-driver)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -eq 0 ]; then
    have "chromium, chromedriver and nginx"
  else
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    # The package starts the system service; the tests run their own nginx, so stop it.
    if [ -x /usr/sbin/nginx ] && pgrep -x nginx >/dev/null; then
      $sudo service nginx stop >/dev/null 2>&1 || $sudo /usr/sbin/nginx -s stop >/dev/null 2>&1 || true
    fi
  fi
fi

# Crates for the offline build.
cargo fetch --quiet
