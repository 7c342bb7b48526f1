#!/usr/bin/env bash
# User text must never become HTML or code: no HTML sinks or eval anywhere in the app's source.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE '\b(inner_html|set_inner_html|outer_html|insert_adjacent_html|js_sys::eval|Function::new)\b' src; then
  echo "An HTML or code sink is used in src/ (listed above)." >&2
  exit 1
fi
