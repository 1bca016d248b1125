#!/usr/bin/env bash
# Builds the deployable Functions package (DESIGN D1, D2):
#   <output>/package/            host.json (the repository root's), one folder per function with its function.json
#                                (written by the published handler from its catalog), and the self-contained
#                                linux-x64 ReadyToRun `handler` with its files
#   <output>/orderfunctions.zip  the same files, zipped with their unix modes (the handler keeps its run bit)
# Usage: scripts/publish.sh [--output DIR]    (default DIR: artifacts/ at the repository root)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$root/artifacts"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="${2:?--output needs a directory}"; shift 2 ;;
    --output=*) output="${1#--output=}"; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "publish.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$output"
output="$(cd "$output" && pwd)"
package="$output/package"
zipfile="$output/orderfunctions.zip"
rm -rf "$package" "$zipfile"

# --disable-build-servers: nothing keeps running after the script (it also runs inside the test suite).
dotnet publish "$root/functions/OrderFunctions.App/OrderFunctions.App.csproj" \
  --configuration Release --runtime linux-x64 --self-contained true -p:PublishReadyToRun=true \
  --output "$package" --disable-build-servers --nologo --verbosity quiet

cp "$root/host.json" "$package/host.json"
chmod 755 "$package/handler"
"$package/handler" functions-json "$package" > /dev/null

# The Functions host starts host.json's defaultExecutablePath, relative to the package root.
executable="$(jq -r '.customHandler.description.defaultExecutablePath' "$package/host.json")"
if [[ ! -x "$package/$executable" ]]; then
  echo "publish.sh: host.json defaultExecutablePath '$executable' is not an executable file of the package" >&2
  exit 1
fi

(cd "$package" && zip --quiet --recurse-paths -X "$zipfile" .)

echo "Package: $package"
echo "  host.json, $executable (self-contained linux-x64, ReadyToRun), $(find "$package" -type f | wc -l) files"
for function_json in "$package"/*/function.json; do
  folder="$(basename "$(dirname "$function_json")")"
  echo "  $folder/function.json: $(jq -r '[.bindings[] | select(.direction == "in") | .type] | join(", ")' "$function_json")"
done
echo "Zip:     $zipfile ($(du -h "$zipfile" | cut -f1))"
echo "Run it with Core Tools: copy local.settings.sample.json to $package/local.settings.json, then 'func start' there."
