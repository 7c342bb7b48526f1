# Sourced by the project's scripts: where the installed tools live.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
step() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  "$@"
  printf '    %s: ok (%ss)\n' "$name" $((SECONDS - start))
}
