#!/usr/bin/env bash
# The Native AOT size report: publishes the floor (benchmarks/Rtvi.EchoFloor), the conformance host and the quickstart
# exactly as they ship (linux-x64, PublishAot in each project, Release) with the ILCompiler's size statistics
# (IlcGenerateMstatFile), fails on any IL2xxx/IL3xxx warning, and prints Markdown tables from the three .mstat files
# (benchmarks/Rtvi.AotSize): the binaries, bytes by assembly, and what each bot adds over the floor by namespace and type.
#
#   bash benchmarks/aot-size.sh [--no-publish] [--dgml] [--out DIR] [-- extra dotnet publish arguments]
#
# --no-publish re-reads what an earlier run left in DIR (default artifacts/aot); --dgml also writes the compiler's
# dependency graphs (*.scan.dgml.xml, *.codegen.dgml.xml: why each method is in, for a DGML viewer; large and slow).
# The report is also written to DIR/size-report.md. Publishing all three takes a few minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=artifacts/aot
publish=1
dgml=false
extra=()
while (( $# )); do
  case $1 in
    --no-publish) publish=0 ;;
    --dgml) dgml=true ;;
    --out) out=$2; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--no-publish] [--dgml] [--out DIR] [-- dotnet publish arguments]" >&2; exit 2 ;;
  esac
  shift
done

# name, project, binary
apps=(
  "floor benchmarks/Rtvi.EchoFloor Rtvi.EchoFloor"
  "host tests/Rtvi.Conformance.Host Rtvi.Conformance.Host"
  "quickstart samples/Rtvi.Quickstart Rtvi.Quickstart"
)
report_args=()
for app in "${apps[@]}"; do
  read -r name project binary <<<"$app"
  if (( publish )); then
    log=$(mktemp)
    echo "== publishing $name ($project) -> $out/$name" >&2
    set +e
    dotnet publish "$project" -c Release -r linux-x64 -o "$out/$name" -v minimal -nologo \
      -p:IlcGenerateMstatFile=true -p:IlcGenerateDgmlFile=$dgml "${extra[@]}" >"$log" 2>&1
    status=$?
    set -e
    if grep -E 'warning IL[23][0-9]{3}|error IL[23][0-9]{3}' "$log" | sort -u >&2; then
      echo "aot-size: trimming/AOT warnings in $name (above)" >&2
      exit 1
    fi
    (( status == 0 )) || { cat "$log" >&2; exit "$status"; }
    rm -f "$log"
    # The statistics stay next to the object file; keep them with the binary they describe.
    cp "$project/obj/Release/net10.0/linux-x64/native/$binary.mstat" "$out/$name/"
    if [[ $dgml == true ]]; then
      cp "$project/obj/Release/net10.0/linux-x64/native/$binary".*dgml.xml "$out/$name/"
    fi
  fi
  report_args+=(--app "$name" "$out/$name/$binary.mstat" "$out/$name/$binary")
done

dotnet build benchmarks/Rtvi.AotSize -c Release -nologo -v q >&2
dotnet benchmarks/Rtvi.AotSize/bin/Release/net10.0/Rtvi.AotSize.dll "${report_args[@]}" --top 40 --namespaces 30 --types 30 | tee "$out/size-report.md"
