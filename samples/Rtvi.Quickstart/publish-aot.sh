#!/usr/bin/env bash
# Publishes the quickstart bot as a Native AOT binary and fails on any trimming/AOT warning (IL2xxx/IL3xxx).
# Usage: samples/Rtvi.Quickstart/publish-aot.sh [output-dir [dotnet publish arguments…]]   (default: artifacts/quickstart-aot)
#   e.g. publish-aot.sh artifacts/quickstart-aot -p:QuickstartOpenTelemetry=true   (include OpenTelemetry export, README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/artifacts/quickstart-aot}
shift $(( $# > 0 ? 1 : 0 ))
rid=${RID:-linux-x64}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== dotnet publish (Native AOT, $rid) -> $out"
set +e
dotnet publish "$here/Rtvi.Quickstart.csproj" -c Release -r "$rid" -o "$out" -v minimal "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if grep -E 'warning IL[23][0-9]{3}|error IL[23][0-9]{3}' "$log" | sort -u; then
  echo "publish-aot: trimming/AOT warnings found (listed above)" >&2
  exit 1
fi
[ "$status" -eq 0 ] || { echo "publish-aot: dotnet publish failed ($status)" >&2; exit "$status"; }
binary="$out/Rtvi.Quickstart"
[ -x "$binary" ] || { echo "publish-aot: $binary missing" >&2; exit 1; }
echo "publish-aot: $binary ($(du -k "$binary" | cut -f1) KiB), no IL warnings"
