#!/usr/bin/env bash
# Packs the NuGet packages: Rtvi (runtime in lib/net10.0, generator + analyzers + code fixes in analyzers/dotnet/cs),
# Rtvi.AspNetCore and Rtvi.Extensions.AI (both depend on Rtvi of the same version), with their .snupkg symbols, and
# Rtvi.Templates (`dotnet new install Rtvi.Templates`, then `dotnet new rtvi-bot`).
#
#   bash scripts/pack.sh [output folder] [extra dotnet pack arguments, e.g. --no-build]
#
# The output folder defaults to artifacts/packages (gitignored). The version comes from Directory.Build.props.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/artifacts/packages}
[ $# -gt 0 ] && shift
configuration=${CONFIGURATION:-Release}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for project in src/Rtvi.Runtime src/Rtvi.AspNetCore src/Rtvi.Extensions.AI templates/Rtvi.Templates; do
  dotnet pack "$root/$project/$(basename "$project").csproj" -c "$configuration" -o "$out" -nologo "$@"
done
ls -l "$out"
