#!/usr/bin/env bash
# Runs the loopback fault tester (benchmarks/Rtvi.FaultTest) against the conformance host, then times the host's
# graceful shutdown on SIGTERM (expected <= 10 s). Exits with the fault tester's status.
#
#   benchmarks/fault-test.sh [--no-build] [fault tester options, e.g. --scenario stalled-reader --json out.json]
#
# --no-build uses the existing Release builds. The host is copied to a temporary folder first, so a rebuild of the repo
# during the run cannot lock or swap its files. Nothing is left running: the host is killed on any exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build=1
if [[ ${1:-} == --no-build ]]; then
  build=0
  shift
fi

host_out=tests/Rtvi.Conformance.Host/bin/Release/net10.0
tester=benchmarks/Rtvi.FaultTest/bin/Release/net10.0/Rtvi.FaultTest.dll
shutdown_limit=10

if (( build )); then
  dotnet build tests/Rtvi.Conformance.Host -c Release -nologo -v q
  dotnet build benchmarks/Rtvi.FaultTest -c Release -nologo -v q
fi
for f in "$host_out/Rtvi.Conformance.Host.dll" "$tester"; do
  [[ -f $f ]] || { echo "missing $f (build it, or drop --no-build)" >&2; exit 2; }
done

work=$(mktemp -d)
host_pid=
# Running and not a zombie (an exited child stays visible to kill -0 until it is reaped).
alive() { [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
cleanup() {
  if [[ -n $host_pid ]] && alive "$host_pid"; then
    kill -KILL "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp -r "$host_out" "$work/host"

# A free loopback port: bind port 0 and read what the kernel chose.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

dotnet "$work/host/Rtvi.Conformance.Host.dll" --port "$port" --protocol auto >"$work/host.log" 2>&1 &
host_pid=$!

# Ready when it prints its "listening" line (30 s at most).
for _ in $(seq 300); do
  grep -q "listening on" "$work/host.log" 2>/dev/null && break
  alive "$host_pid" || { echo "host exited during startup:" >&2; cat "$work/host.log" >&2; exit 2; }
  sleep 0.1
done
grep -q "listening on" "$work/host.log" || { echo "host did not start within 30 s" >&2; cat "$work/host.log" >&2; exit 2; }
echo "host pid $host_pid on ws://127.0.0.1:$port/ws"

status=0
dotnet "$tester" --url "ws://127.0.0.1:$port/ws" --pid "$host_pid" "$@" || status=$?

# Graceful shutdown: SIGTERM, then wait (SIGKILL after twice the limit so nothing is left behind).
start=$(date +%s.%N)
kill -TERM "$host_pid"
exited=0
for _ in $(seq $(( shutdown_limit * 2 * 20 ))); do
  if ! alive "$host_pid"; then exited=1; break; fi
  sleep 0.05
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
if (( exited )); then
  wait "$host_pid" 2>/dev/null || true
  host_pid=
  verdict=$(echo "$elapsed <= $shutdown_limit" | bc)
  printf 'host shutdown after SIGTERM: %.2f s (expected <= %d s) => %s\n' "$elapsed" "$shutdown_limit" "$([[ $verdict == 1 ]] && echo PASS || echo FAIL)"
else
  printf 'host shutdown after SIGTERM: still running after %.2f s (expected <= %d s) => FAIL; killing it\n' "$elapsed" "$shutdown_limit"
fi
if [[ -s $work/host.log ]]; then
  echo "--- host log (last 20 lines) ---"
  tail -n 20 "$work/host.log"
fi
exit "$status"
