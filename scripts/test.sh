#!/usr/bin/env bash
# The test command: sets up what the tests need (Azurite from npm), builds, runs every test project, and ends by
# printing one line "N passed, N failed" (totals over all test projects). Exit code 0 only when nothing failed.
# Usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Storage]
set -euo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
configuration=${CONFIGURATION:-Release}

echo "==> Azurite (npm)"
bash scripts/azurite.sh install

echo "==> Build ($configuration)"
dotnet build OrderFunctions.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

echo "==> Test"
rm -rf "$results"
mkdir -p "$results"
projects=(tests/*.Tests/*.Tests.csproj)
status=0
# One project at a time keeps the 2-core machines responsive and the output readable; each project starts its
# own Azurite (shared by its tests) and stops it at the end.
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "--> $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 10m "$@" || status=1
done

# Totals from the TRX files (one per project); a project without one crashed before reporting.
passed=0
failed=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  trx="$results/$name.trx"
  if [[ ! -f "$trx" ]]; then
    echo "!! $name produced no results (test host crashed or no tests were found)"
    failed=$((failed + 1))
    status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p))
  failed=$((failed + f + e))
done

echo "$passed passed, $failed failed"
if [[ $failed -gt 0 ]]; then status=1; fi
exit $status
