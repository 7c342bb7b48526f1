#!/usr/bin/env bash
# Mutation testing (cargo-mutants) of the code that decides which save a librarian gets back
# (src/store, and what each change can change: src/model/reach.rs), what becomes a link
# (src/model/link.rs), how an import reads and merges
# (src/exchange/import), what the export and contacts files hold (src/exchange/file.rs,
# summary.rs, vcard.rs, lines.rs), what a share link carries (src/exchange/share_link.rs) and
# what the automatic backup file holds (src/exchange/backup_file.rs): every mutant must be caught by a test, or be listed in
# docs/mutants.md with the reason it cannot change behaviour. Takes tens of minutes, so it is
# not part of `make test`; run it after any change to those files.
#
#   scripts/mutants.sh                      every file
#   scripts/mutants.sh src/model/link.rs    only the files named
#
# MUTANTS_JOBS sets cargo-mutants' parallel builds (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

VERSION=27.1.0
if [ "$(cargo mutants --version 2>/dev/null)" != "cargo-mutants $VERSION" ]; then
  cargo install cargo-mutants --locked --version "$VERSION"
fi

# Each group of files with the tests that hold it. Naming the test targets (rather than the
# whole suite) keeps each mutant to seconds, and can only make a mutant harder to catch.
# src/store/local.rs is compiled for the browser only (its tests are tests/browser.rs), and
# keys.rs and mod.rs hold no functions.
store=(src/store/blocks.rs src/store/codec.rs src/store/pack.rs src/store/pointer.rs src/store/slots.rs)
link=(src/model/link.rs)
# What a change can change decides what a save compares (src/store/blocks.rs).
reach=(src/model/reach.rs)
import=()
[ -f src/exchange/import.rs ] && import+=(src/exchange/import.rs)
for f in src/exchange/import/*.rs; do [ -f "$f" ] && import+=("$f"); done

wanted=("$@")
pick() {
  local f
  for f in "$@"; do
    if [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qxF "$f"; then
      printf '%s\n' "$f"
    fi
  done
}

# With one job, one target directory for every run, so dependencies are built once; two runs
# at once would overwrite each other's test binaries, so a second one waits. With more jobs,
# each of cargo-mutants' copies of the tree builds in its own target directory: jobs sharing
# one would test each other's binaries, and a mutant could pass or fail for another's change.
lock_dir="$PWD/target/mutants"
mkdir -p "$lock_dir"
if [ "${MUTANTS_JOBS:-1}" -le 1 ]; then
  export CARGO_TARGET_DIR="$lock_dir"
else
  unset CARGO_TARGET_DIR
fi
exec 9>"$lock_dir/.lock-mutants"
flock 9
out=target/mutants-out
rm -rf "$out"
mkdir -p "$out"

run() {
  local name=$1; shift
  local tests=() files=()
  while [ "$1" != "--" ]; do tests+=("--cargo-arg=$1"); shift; done
  shift
  mapfile -t files < <(pick "$@")
  [ ${#files[@]} -eq 0 ] && return 0
  local args=()
  for f in "${files[@]}"; do args+=(--file "$f"); done
  printf '\n==> mutants: %s\n' "${files[*]}"
  # Exit status 2 (missed mutants) and 3 (timeouts) are judged below, against the list.
  # A generous timeout: on a busy machine a slow test run must not pass for a caught mutant.
  nice -n 10 cargo mutants --no-shuffle --profile mutants -j "${MUTANTS_JOBS:-1}" "${args[@]}" \
    --minimum-test-timeout 90 --output "$out/$name" "${tests[@]}" "${TEST_ARGS[@]}" || {
    local status=$?
    [ $status -eq 2 ] || [ $status -eq 3 ] || exit $status
  }
}

TEST_ARGS=()
run store --lib --test=store_slots -- "${store[@]}"
TEST_ARGS=(-- -- model::link::)
run link --lib -- "${link[@]}"
TEST_ARGS=(-- -- --skip the_starter_library_matches_the_shared_facts)
run reach --lib --test=model_actions --test=store_slots --test=shelf -- "${reach[@]}"
# The shared browser exports are read from outside the repository (../shared), which is not
# there in cargo-mutants' copy of the tree; the bookmark reader has tests of its own files.
TEST_ARGS=(-- -- --skip a_firefox_bookmark_file_imports_with_place_links_left_out
  --skip every_shared_bookmark_file_reads_and_counts_every_link
  --skip v01_a_google_contacts_export_reads_the_fields_branch_out_keeps)
# Each part's summary section is held by the summary's tests.
run import --lib --test=exchange_import --test=exchange_people --test=exchange_summary -- "${import[@]}"
# The export file itself, its summary, and the contacts and calendar files' writing.
formats=(src/exchange/file.rs src/exchange/summary.rs src/exchange/vcard.rs src/exchange/lines.rs)
run formats --lib --test=exchange_import --test=exchange_people --test=exchange_summary --test=exchange_ics -- "${formats[@]}"
# Share links: what a link carries, and what a damaged one is refused for.
TEST_ARGS=()
run share_link --test=exchange_share_link -- src/exchange/share_link.rs
# The automatic backup file: what it holds, when a device has nothing to keep, its status.
TEST_ARGS=(-- -- --skip a_firefox_bookmark_file_imports_with_place_links_left_out
  --skip every_shared_bookmark_file_reads_and_counts_every_link)
run backup_file --lib --test=exchange_import -- src/exchange/backup_file.rs

full=$([ ${#wanted[@]} -eq 0 ] && echo full || echo partial)
node scripts/mutants-check.mjs "$full" docs/mutants.md "$out"/*/mutants.out/outcomes.json
