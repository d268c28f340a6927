#!/usr/bin/env bash
# Start → first bot-ready of the Native AOT binaries that benchmarks/aot-size.sh published (DIR, default artifacts/aot):
# the floor (first echo), the conformance host and the quickstart (bot-ready), each median of --runs (default 10) after
# one unrecorded warm-up run, back to back, by benchmarks/Rtvi.StartTimer, itself published Native AOT so that the
# client adds no JIT. Besides wall-clock steps it prints the server's CPU time to the answer, which a busy shared
# machine does not inflate.
#
#   bash benchmarks/aot-start.sh [--out DIR] [timer options, e.g. --runs 20 --verbose]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=artifacts/aot
if [[ ${1:-} == --out ]]; then
  out=$2
  shift 2
fi
timer=$out/timer/Rtvi.StartTimer
if [[ ! -x $timer || benchmarks/Rtvi.StartTimer/StartRun.cs -nt $timer ]]; then
  dotnet publish benchmarks/Rtvi.StartTimer -c Release -r linux-x64 -o "$out/timer" -v quiet -nologo >&2
fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$timer" --label floor --exec "$out/floor/Rtvi.EchoFloor" --echo "$@"
"$timer" --label "conformance host" --exec "$out/host/Rtvi.Conformance.Host" --args "--port {port} --protocol auto" "$@"
"$timer" --label quickstart --exec "$out/quickstart/Rtvi.Quickstart" --args "--urls http://127.0.0.1:{port}" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
