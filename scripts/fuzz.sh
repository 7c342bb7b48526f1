#!/usr/bin/env bash
# Fuzzes the pure core for a bounded time per target (RELIABILITY.md X-18, §4.3): the bookmark
# reader, the URL policy, the storage decoder, export-file import and the contacts reader. Any panic, input slower than 2 s or memory
# over 512 MB fails the run and leaves the input in fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [seconds per target, default 20]
#
# New inputs the fuzzer finds go to fuzz/corpus-run/ (not committed); the seeds in
# fuzz/corpus/ and the shared real bookmark exports are only read.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

seconds=${1:-20}
# libFuzzer needs a nightly compiler; the app itself stays on the pinned stable toolchain.
toolchain=nightly
# Sanitizers off: the app forbids unsafe code, so what fuzzing finds here is panics, hangs and
# memory blow-ups, which need no sanitizer; address sanitizing would double the build and slow
# every run.
fuzz=(cargo "+$toolchain" fuzz)
common=(-O --sanitizer none --target-dir fuzz/target)

if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  step "install the nightly toolchain" rustup toolchain install "$toolchain" --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "install cargo-fuzz" cargo install cargo-fuzz --version 0.13.2
fi

step "build fuzz targets" "${fuzz[@]}" build "${common[@]}"

run() {
  local target=$1; shift
  mkdir -p "fuzz/corpus-run/$target"
  local seeds=("fuzz/corpus-run/$target" "fuzz/corpus/$target")
  local flags=(-max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 -print_final_stats=1)
  if [[ $target == parse_netscape_html ]]; then
    [[ -d ../shared/fixtures/bookmarks ]] && seeds+=(../shared/fixtures/bookmarks)
    flags+=(-dict=fuzz/dict/html.dict)
  fi
  # libFuzzer's progress goes to a log; only its summary and any finding are shown.
  local log="fuzz/target/$target.log"
  if "${fuzz[@]}" run "${common[@]}" "$target" "${seeds[@]}" -- "${flags[@]}" >"$log" 2>&1; then
    grep -E '^Done' "$log" | sed 's/^/    /' || true
  else
    tail -n 40 "$log" >&2
    echo "fuzz target $target failed; the input is in fuzz/artifacts/$target/" >&2
    return 1
  fi
}

for target in parse_netscape_html url_policy storage_decode import_json read_vcard read_share_link; do
  step "fuzz $target (${seconds}s)" run "$target"
done
