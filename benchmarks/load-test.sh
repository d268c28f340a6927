#!/usr/bin/env bash
# Runs the loopback load tester (benchmarks/Rtvi.LoadTest) against the conformance host and, in the same run, against
# its floor (benchmarks/Rtvi.EchoFloor, a Kestrel WebSocket echo), so that every result has its ratio.
#
#   benchmarks/load-test.sh [--no-build] [load tester options, e.g. --mode open --clients 1000 --rate 2 --duration 20]
#
# Both servers run from copies of their Release builds (a rebuild during the run cannot swap their files), with
# Rtvi__Limits__MaxSessions=20000 for the host; both are killed on any exit. Prints the tester's lines; with
# --summary FILE it also writes them as JSON.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build=1
if [[ ${1:-} == --no-build ]]; then
  build=0
  shift
fi
if (( build )); then
  for p in tests/Rtvi.Conformance.Host benchmarks/Rtvi.EchoFloor benchmarks/Rtvi.LoadTest; do
    dotnet build "$p" -c Release -nologo -v q
  done
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

cp -r tests/Rtvi.Conformance.Host/bin/Release/net10.0 "$work/host"
cp -r benchmarks/Rtvi.EchoFloor/bin/Release/net10.0 "$work/floor"
host_port=$((20000 + RANDOM % 20000))
floor_port=$((host_port + 1))

Rtvi__Limits__MaxSessions=20000 dotnet "$work/host/Rtvi.Conformance.Host.dll" --port "$host_port" --protocol auto > "$work/host.log" 2>&1 &
host_pid=$!
pids+=("$host_pid")
dotnet "$work/floor/Rtvi.EchoFloor.dll" --port "$floor_port" > "$work/floor.log" 2>&1 &
floor_pid=$!
pids+=("$floor_pid")

for log in "$work/host.log" "$work/floor.log"; do
  for _ in $(seq 100); do
    grep -q listening "$log" && break
    sleep 0.1
  done
  grep -q listening "$log" || { echo "a server did not start:" >&2; cat "$log" >&2; exit 2; }
done

dotnet benchmarks/Rtvi.LoadTest/bin/Release/net10.0/Rtvi.LoadTest.dll \
  --url "ws://127.0.0.1:$host_port/ws" --pid "$host_pid" \
  --floor-url "ws://127.0.0.1:$floor_port/ws" --floor-pid "$floor_pid" "$@"
