#!/usr/bin/env bash
# The run command: the hub running locally with demo traffic (docs/demo.md), in one process tree that Ctrl-C stops:
#   - Azurite (npm, data kept in .azurite/data between runs)
#   - the sandbox (sandbox/OrderFunctions.Sandbox --demo): Trendyol, bol.com, WooCommerce and Shopify simulators whose
#     customers place orders and whose merchants complete or cancel the orders the hub creates; the two shops send their
#     signed order webhooks to the app's webhook routes for the demo integrations (polling stays on as the safety net)
#   - `handler seed-demo`: the two demo integrations (Trendyol -> WooCommerce, bol.com -> Shopify) on the sandbox accounts
#   - the handler in standalone mode (DESIGN D3): timers, queues and the HTTP API on http://127.0.0.1:$PORT/api
# Settings: local.settings.json if present, else the committed local.settings.sample.json (embedded defaults);
# environment variables override both. Storage connection strings point at this Azurite, connector credentials at the
# sandbox's secrets file (.local/sandbox/secrets.json) automatically.
# Usage: scripts/run-local.sh [--no-demo]   (PORT=7071 by default; --no-demo: Azurite and the handler only)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${PORT:-7071}
configuration=${CONFIGURATION:-Release}
demo=1
case "${1:-}" in
  "") ;;
  --no-demo) demo=0 ;;
  *) echo "usage: scripts/run-local.sh [--no-demo]" >&2; exit 2 ;;
esac

sandbox_dir="$root/.local/sandbox"
ports_file="$sandbox_dir/ports.json"
secrets_file="$sandbox_dir/secrets.json"

echo "run-local: building the handler and the sandbox ($configuration)"
dotnet build functions/OrderFunctions.App -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
handler="$root/functions/OrderFunctions.App/bin/$configuration/net10.0/handler"
if ((demo)); then
  dotnet build sandbox/OrderFunctions.Sandbox -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
  sandbox="$root/sandbox/OrderFunctions.Sandbox/bin/$configuration/net10.0/OrderFunctions.Sandbox"
fi

bash scripts/azurite.sh install
bash scripts/azurite.sh start
# shellcheck disable=SC1091
source .azurite/azurite.env

# Stops what this script started, by pid: the handler and the sandbox (SIGTERM, both stop cleanly), then Azurite.
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  local pid
  for pid in ${app_pid:-} ${sandbox_pid:-}; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in ${app_pid:-} ${sandbox_pid:-}; do
    wait "$pid" 2>/dev/null || true
  done
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

export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
export OrdersStorage="$AZURITE_CONNECTION_STRING"

if ((demo)); then
  # The shops' webhooks go to the app, which starts below: the sandbox sends in the background, so a delivery made
  # before the app listens only fails (it is not retried; the next poll picks the change up). The integration ids are
  # the demo's (functions/OrderFunctions.App/Demo/DemoIntegrations.cs); the sandbox signs WooCommerce deliveries with
  # the webhookSecret and Shopify ones with the clientSecret it writes to the secrets file the app reads.
  woocommerce_webhook="http://127.0.0.1:$port/api/webhooks/woocommerce/demo-trendyol-woocommerce"
  shopify_webhook="http://127.0.0.1:$port/api/webhooks/shopify/demo-bol-shopify"
  echo "run-local: starting the sandbox with demo traffic; shop webhooks to $woocommerce_webhook and $shopify_webhook"
  rm -f "$ports_file"
  "$sandbox" --demo --ports-file "$ports_file" --secrets-file "$secrets_file" \
    --woocommerce-webhook "$woocommerce_webhook" --shopify-webhook "$shopify_webhook" &
  sandbox_pid=$!
  # The ports file appears once every simulator listens (after the secrets file).
  deadline=$((SECONDS + 60))
  until [[ -f "$ports_file" ]]; do
    kill -0 "$sandbox_pid" 2>/dev/null || { echo "run-local: the sandbox exited before it was ready" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "run-local: the sandbox did not write $ports_file within 60 s" >&2; exit 1; }
    sleep 0.2
  done
  export Secrets__LocalFile="$secrets_file"
  (cd "$settings_dir" && "$handler" seed-demo --manifest "$ports_file")
fi

# In the demo the order lines matter; one "Executed '<function>'" line per invocation would bury them.
quiet=()
((demo)) && quiet=("Logging__LogLevel__OrderFunctions.Hosting.Standalone.Invocation=Warning")
echo "run-local: starting the app on http://127.0.0.1:$port/api (Ctrl-C stops everything)"
(cd "$settings_dir" && exec env "${quiet[@]}" "$handler" standalone --port "$port") &
app_pid=$!
if ((demo)); then
  echo "run-local: orders reach the shops within about 20 s; a summary per integration every 15 s; mails in .local/mail"
  echo "run-local: shop changes arrive by webhook (the 'Webhook delivery … queued shop-changed' lines); polls every 10 s catch anything missed"
fi
# Until either process ends (or Ctrl-C); the trap stops the other.
wait -n ${app_pid} ${sandbox_pid:-}
