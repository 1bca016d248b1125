#!/usr/bin/env bash
# The run command: everything the app needs locally, in one process tree that Ctrl-C stops.
#   - Azurite (npm, data kept in .azurite/data between runs)
#   - the handler in standalone mode (DESIGN D3): timers, queues and the HTTP API on http://127.0.0.1:$PORT/api
# Settings: local.settings.json if present, else the committed local.settings.sample.json (embedded defaults);
# environment variables override both. Storage connection strings point at this Azurite automatically.
# Usage: scripts/run-local.sh            (PORT=7071 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${PORT:-7071}
configuration=${CONFIGURATION:-Release}

bash scripts/azurite.sh install
bash scripts/azurite.sh start
# shellcheck disable=SC1091
source .azurite/azurite.env
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  [[ -n "${app_pid:-}" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  bash "$root/scripts/azurite.sh" stop || true
  exit "$code"
}
trap cleanup EXIT INT TERM

if [[ ! -f local.settings.json ]]; then
  echo "run-local: no local.settings.json; using the defaults in local.settings.sample.json"
  settings_dir=$(mktemp -d)
  cp local.settings.sample.json "$settings_dir/local.settings.json"
  # The app runs in that temp folder; keep the local mail sink's .eml files in the repository's .local/mail instead.
  export Notifications__FileFolder="$root/.local/mail"
else
  settings_dir=$root
fi

echo "run-local: building the handler ($configuration)"
dotnet build functions/OrderFunctions.App -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
handler="$root/functions/OrderFunctions.App/bin/$configuration/net10.0/handler"

export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
export OrdersStorage="$AZURITE_CONNECTION_STRING"

echo "run-local: starting the app on http://127.0.0.1:$port/api (Ctrl-C stops everything)"
(cd "$settings_dir" && exec "$handler" standalone --port "$port") &
app_pid=$!
wait "$app_pid"
