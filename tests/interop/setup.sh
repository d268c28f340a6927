#!/usr/bin/env bash
# Installs the interop suite's pinned npm packages (package-lock.json) into tests/interop/node_modules, and
# Debian's chromium (for browser/*.test.mjs) when /usr/bin/chromium is missing and apt can be used.
# Idempotent and quiet: does nothing when node_modules already matches the lock file and chromium is there.
# No tool ever downloads a browser of its own (playwright-core drives /usr/bin/chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

command -v node >/dev/null || { echo "interop setup: node is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "interop setup: npm is not installed" >&2; exit 1; }

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

stamp=node_modules/.interop-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if ! { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" > "$stamp"
fi

# The browser test's chromium. Without root (or apt) this only warns: the browser test then fails under CI=true
# and is skipped otherwise, while the other interop tests still run.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "interop setup: installing chromium (apt-get, about a minute)" >&2
    aptlog=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$aptlog" 2>&1; then
      echo "interop setup: installing chromium failed; the browser test cannot run. apt output (last 20 lines):" >&2
      tail -n 20 "$aptlog" | sed 's/^/  | /' >&2
    fi
    rm -f "$aptlog"
  else
    echo "interop setup: /usr/bin/chromium is missing; install it as root with 'apt-get install chromium' to run the browser test" >&2
  fi
fi
