#!/usr/bin/env bash
# Runs every test: the .NET suites (dotnet test) and, when present, the interop suites with the real npm clients.
# Prints one closing line "N passed, N failed, N skipped" summed over all suites and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log=$(mktemp)
status=0

echo "== build"
dotnet build Rtvi.sln -c Release 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== dotnet test"
dotnet test Rtvi.sln -c Release --no-build 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ -f tests/interop/package.json ]; then
  echo "== interop (npm clients)"
  bash tests/interop/run.sh 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

if [ -z "${RTVI_SKIP_AOT:-}" ]; then
  echo "== Native AOT: publish the quickstart bot (no IL warnings allowed) and smoke-test the binary"
  if bash samples/Rtvi.Quickstart/publish-aot.sh && bash samples/Rtvi.Quickstart/smoke-test.sh; then
    echo "# pass 1" | tee -a "$log"
  else
    echo "# fail 1" | tee -a "$log"
    status=1
  fi
fi

# dotnet: "Passed!  - Failed:     0, Passed:   151, Skipped:     0, Total:   151"; node: "# pass 3" / "# fail 0" / "# skipped 0"
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { v = $(i+1); gsub(/,/, "", v); f += v }
      if ($i == "Passed:")  { v = $(i+1); gsub(/,/, "", v); p += v }
      if ($i == "Skipped:") { v = $(i+1); gsub(/,/, "", v); s += v }
    }
  }
  /^# pass /    { p += $3 }
  /^# fail /    { f += $3 }
  /^# skipped / { s += $3 }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s > "/dev/stderr" }
' "$log" 2> "$log.summary"
failed=$(awk '{print $3}' "$log.summary" | tr -d ,)
passed=$(awk '{print $1}' "$log.summary")
[ "${failed:-1}" -eq 0 ] || status=1
[ "${passed:-0}" -gt 0 ] || status=1
cat "$log.summary"
rm -f "$log" "$log.summary"
exit $status
