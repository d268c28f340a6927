#!/usr/bin/env bash
# Smoke-tests a built quickstart bot with a real WebSocket client (see web/smoke-test.mjs):
#   samples/Rtvi.Quickstart/smoke-test.sh                       # the AOT binary from publish-aot.sh
#   samples/Rtvi.Quickstart/smoke-test.sh --sessions 100 -- dotnet samples/Rtvi.Quickstart/bin/Release/net10.0/Rtvi.Quickstart.dll
set -euo pipefail
web="$(cd "$(dirname "$0")" && pwd)/web"
[ -d "$web/node_modules/ws" ] || (cd "$web" && npm ci --no-audit --no-fund)
exec node "$web/smoke-test.mjs" "$@"
