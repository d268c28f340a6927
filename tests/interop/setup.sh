#!/usr/bin/env bash
# Installs the interop suite's pinned npm packages (package-lock.json) into tests/interop/node_modules.
# Idempotent and quiet: does nothing when node_modules already matches the lock file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

command -v node >/dev/null || { echo "interop setup: node is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "interop setup: npm is not installed" >&2; exit 1; }

stamp=node_modules/.interop-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error >/dev/null
echo "$want" > "$stamp"

# Browser tests (later): install Debian chromium and npm playwright-core here, e.g.
#   command -v chromium >/dev/null || sudo apt-get install -y chromium
# Never let a test tool download its own browser.
