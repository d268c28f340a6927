#!/usr/bin/env bash
# Runs the interop tests with the real npm clients against the conformance host.
#
# Expects a Release build (scripts/test.sh runs `dotnet build Rtvi.sln -c Release` first); builds nothing.
# Starts one conformance host per protocol mode (0.3, 2.1, auto) on free loopback ports, waits until each
# accepts connections, runs `node --test` with the URLs in RTVI_URL_03 / RTVI_URL_21 / RTVI_URL_AUTO,
# stops the hosts, and exits with node's status. The browser test (browser/) starts the quickstart bot itself.
#
#   bash tests/interop/run.sh                                   # every *.test.mjs and browser/*.test.mjs
#   bash tests/interop/run.sh tests/interop/realtime-ai.test.mjs # some files only
#
# RTVI_INTEROP_HOST_CMD replaces `dotnet <Rtvi.Conformance.Host.dll>` (e.g. a published binary); it is
# started as `$RTVI_INTEROP_HOST_CMD --port N --protocol 0.3|2.1|auto`.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
host_dll="$root/tests/Rtvi.Conformance.Host/bin/Release/net10.0/Rtvi.Conformance.Host.dll"
start_timeout_s=${RTVI_INTEROP_START_TIMEOUT:-30}

# A failure before node runs still shows up in the summed "# pass/# fail" counts of scripts/test.sh.
setup_failed() {
  echo "interop: $1"
  printf 'not ok 1 - interop setup: %s\n# pass 0\n# fail 1\n' "$1"
  exit 1
}

bash "$here/setup.sh" || setup_failed "npm setup failed"

if [ -n "${RTVI_INTEROP_HOST_CMD:-}" ]; then
  read -r -a host_cmd <<<"$RTVI_INTEROP_HOST_CMD"
elif [ -f "$host_dll" ]; then
  host_cmd=(dotnet "$host_dll")
else
  setup_failed "$host_dll not found; run 'dotnet build Rtvi.sln -c Release' first"
fi

logdir=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    # Bounded wait for a clean stop, then force.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$logdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# start_host <protocol> -> prints the port; the pid goes to pids[]
declare -A port_of
start_host() {
  local protocol=$1 port
  port=$(free_port) || return 1
  "${host_cmd[@]}" --port "$port" --protocol "$protocol" >"$logdir/host-$protocol.log" 2>&1 &
  pids+=($!)
  port_of[$protocol]=$port
}

wait_for_port() {
  local protocol=$1 port=${port_of[$1]} pid=$2 deadline=$((SECONDS + start_timeout_s))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "interop: the conformance host (--protocol $protocol) exited before accepting connections:"
      tail -n 30 "$logdir/host-$protocol.log" | sed 's/^/  | /'
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "interop: the conformance host (--protocol $protocol) did not accept connections on port $port within ${start_timeout_s}s:"
  tail -n 30 "$logdir/host-$protocol.log" | sed 's/^/  | /'
  return 1
}

protocols=(0.3 2.1 auto)
for protocol in "${protocols[@]}"; do
  start_host "$protocol" || setup_failed "could not start the host for --protocol $protocol"
done
for i in "${!protocols[@]}"; do
  wait_for_port "${protocols[$i]}" "${pids[$i]}" || setup_failed "the conformance host (--protocol ${protocols[$i]}) is not serving"
done

export RTVI_URL_03="ws://127.0.0.1:${port_of[0.3]}/ws"
export RTVI_URL_21="ws://127.0.0.1:${port_of[2.1]}/ws"
export RTVI_URL_AUTO="ws://127.0.0.1:${port_of[auto]}/ws"

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=("$here"/*.test.mjs "$here"/browser/*.test.mjs)
fi

cd "$root"
node --test --test-reporter=tap "${files[@]}" | tee "$logdir/tap"
status=${PIPESTATUS[0]}

# node counts tests cancelled by a failing hook or a crashed file as "# cancelled", not "# fail": add them to the
# failures that scripts/test.sh sums.
cancelled=$(awk '/^# cancelled / { c += $3 } END { print c + 0 }' "$logdir/tap")
if [ "$cancelled" -gt 0 ]; then
  echo "interop: $cancelled cancelled test(s) counted as failures"
  echo "# fail $cancelled"
  [ $status -ne 0 ] || status=1
fi

# Host output helps explain failures; keep it out of the way when everything passed.
if [ $status -ne 0 ]; then
  for protocol in "${protocols[@]}"; do
    echo "interop: conformance host --protocol $protocol output (last 40 lines):"
    tail -n 40 "$logdir/host-$protocol.log" | sed 's/^/  | /'
  done
fi
exit $status
