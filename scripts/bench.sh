#!/usr/bin/env bash
# The bench command (issue 7): storage transactions per order, throughput against the emulator's limit, start time,
# peak memory and latency, printed and appended as a row to docs/benchmarks.md.
#   scripts/bench.sh [--orders N]                 N orders (default 2000) through the local run
#   scripts/bench.sh chaos [--orders N] [--kills K]   what scripts/chaos.sh runs
# First publishes what the run starts as separate processes — the handler package (scripts/publish.sh, self-contained
# ReadyToRun), the minimal ASP.NET Core app it is compared with (published the same way), the sandbox — then runs
# `dotnet run -c Release --project bench/OrderFunctions.Bench -- bench|chaos ...`. Azurite comes from npm (in memory).
set -euo pipefail
cd "$(dirname "$0")/.."

command=bench
if [[ "${1:-}" == chaos ]]; then
  command=chaos
  shift
fi

bash scripts/azurite.sh install
echo "$command: publishing the handler (scripts/publish.sh)"
bash scripts/publish.sh --output artifacts > /dev/null
echo "$command: publishing the minimal app (self-contained, ReadyToRun)"
dotnet publish bench/MinimalApp/MinimalApp.csproj --configuration Release --runtime linux-x64 --self-contained true \
  -p:PublishReadyToRun=true --output artifacts/bench/minimal-app --disable-build-servers --nologo --verbosity quiet
echo "$command: building the bench and the sandbox"
dotnet build bench/OrderFunctions.Bench -c Release -nologo -v quiet -clp:ErrorsOnly --disable-build-servers
exec dotnet run -c Release --no-build --project bench/OrderFunctions.Bench -- "$command" "$@"
