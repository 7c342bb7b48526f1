#!/usr/bin/env bash
# Every test tier, after installing what is missing: formatting and lints, native tests of the
# pure core, wasm-bindgen tests in headless Chromium, then Playwright against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh test

step "format" cargo fmt --all -- --check
step "clippy (native)" cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32, split build)" cargo clippy --all-targets --locked --target wasm32-unknown-unknown --features split -- -D warnings
step "user text never becomes HTML" scripts/check-sinks.sh
step "native tests (pure core)" cargo test --locked
step "fuzzing (bounded: 10 s per target)" scripts/fuzz.sh 10
step "browser tests (wasm-bindgen-test, headless Chromium)" env \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test browser
step "release build" trunk build --release --offline
step "end-to-end (Playwright, Chromium)" node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
printf '\nAll test tiers passed.\n'
