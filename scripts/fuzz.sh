#!/usr/bin/env bash
# Long fuzz mode: runs the session property suite over at least N generated client messages (default 1,000,000) in all
# three protocol modes and prints cases/s and the longest clean run. RTVI_FUZZ_SEED=<seed> replays a reported failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
messages=${1:-1000000}
dotnet build "$root/tests/Rtvi.Runtime.Tests" -c Release 2>&1 | tail -n 2
RTVI_FUZZ_MESSAGES=$messages dotnet test "$root/tests/Rtvi.Runtime.Tests" -c Release --no-build \
  --filter "FullyQualifiedName~Rtvi.Tests.Fuzz" --logger "console;verbosity=detailed" 2>&1 | grep -E "fuzz:|Passed!|Failed!|Error Message|^\s+at |----" || true
