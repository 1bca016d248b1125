#!/usr/bin/env bash
# Runs the Azurite storage emulator for local development (DESIGN §2, D3).
#
#   scripts/azurite.sh install   npm ci when node_modules/azurite is missing or not the pinned version
#   scripts/azurite.sh start     start in the background (idempotent), then wait until it answers
#   scripts/azurite.sh wait      wait (bounded) until blob, queue and table answer
#   scripts/azurite.sh stop      stop the instance this script started (idempotent)
#   scripts/azurite.sh status    say whether it runs, on which ports, and the connection string
#
# Ports: AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT, each a free port when unset.
# Data lives in .azurite/data (git-ignored); the log in .azurite/azurite.log; pid, ports and a ready-to-use
# connection string in .azurite/azurite.env (`source` it). Tests do not use this script: they start their own
# in-memory Azurite on free ports (tests/OrderFunctions.Testing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.azurite"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/azurite.log"
ENV_FILE="$STATE_DIR/azurite.env"
AZURITE_BIN="$ROOT/node_modules/.bin/azurite"
WAIT_SECONDS="${AZURITE_WAIT_SECONDS:-30}"

# The emulator's fixed, publicly documented development account (not a secret).
ACCOUNT_NAME="devstoreaccount1"
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

say() { printf 'azurite: %s\n' "$*"; }
fail() { printf 'azurite: %s\n' "$*" >&2; exit 1; }

pinned_version() {
  node -e 'const l=require(process.argv[1]);process.stdout.write((l.packages["node_modules/azurite"]||{}).version||"")' \
    "$ROOT/package-lock.json"
}

installed_version() {
  local manifest="$ROOT/node_modules/azurite/package.json"
  [[ -f "$manifest" ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest"
}

cmd_install() {
  command -v node >/dev/null || fail "node is not installed (Azurite needs Node.js 20 or later)"
  local pinned installed
  pinned="$(pinned_version)"
  [[ -n "$pinned" ]] || fail "package-lock.json does not pin azurite"
  installed="$(installed_version)"
  if [[ "$installed" == "$pinned" && -x "$AZURITE_BIN" ]]; then
    say "azurite $installed is installed"
    return
  fi
  say "installing azurite $pinned (npm ci; found '${installed:-nothing}')"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
}

# Reads KEY from the env file, empty when absent.
env_value() {
  [[ -f "$ENV_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$ENV_FILE" | tr -d "'"
}

# The recorded pid, if that process is alive and still Azurite (a stale pid may have been reused).
running_pid() {
  local pid
  pid="$(env_value AZURITE_PID)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q azurite; then
    printf '%s' "$pid"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

# True when an HTTP server answers on 127.0.0.1:$1 (any status line counts).
answers() {
  local port="$1" line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || true
  exec 3<&- 3>&-
  [[ "$line" == HTTP/* ]]
}

cmd_wait() {
  [[ -f "$ENV_FILE" ]] || fail "not started (no $ENV_FILE); run: scripts/azurite.sh start"
  local deadline=$((SECONDS + WAIT_SECONDS)) service port
  for service in BLOB QUEUE TABLE; do
    port="$(env_value "AZURITE_${service}_PORT")"
    until answers "$port"; do
      [[ -n "$(running_pid)" ]] || fail "the Azurite process exited; see $LOG_FILE"
      ((SECONDS < deadline)) || fail "no answer on ${service,,} port $port after ${WAIT_SECONDS}s; see $LOG_FILE"
      sleep 0.2
    done
  done
  say "ready (blob $(env_value AZURITE_BLOB_PORT), queue $(env_value AZURITE_QUEUE_PORT), table $(env_value AZURITE_TABLE_PORT))"
}

cmd_start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    say "already running (pid $pid)"
    cmd_wait
    return
  fi
  [[ -x "$AZURITE_BIN" ]] || fail "Azurite is not installed; run: scripts/azurite.sh install (or npm ci)"
  mkdir -p "$DATA_DIR"
  local blob_port="${AZURITE_BLOB_PORT:-$(free_port)}"
  local queue_port="${AZURITE_QUEUE_PORT:-$(free_port)}"
  local table_port="${AZURITE_TABLE_PORT:-$(free_port)}"
  # setsid: its own session, so stopping it never touches the shell that started it.
  setsid "$AZURITE_BIN" \
    --location "$DATA_DIR" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" \
    --disableTelemetry \
    >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  local endpoint="http://127.0.0.1"
  cat >"$ENV_FILE" <<ENV
AZURITE_PID='$pid'
AZURITE_BLOB_PORT='$blob_port'
AZURITE_QUEUE_PORT='$queue_port'
AZURITE_TABLE_PORT='$table_port'
AZURITE_CONNECTION_STRING='DefaultEndpointsProtocol=http;AccountName=$ACCOUNT_NAME;AccountKey=$ACCOUNT_KEY;BlobEndpoint=$endpoint:$blob_port/$ACCOUNT_NAME;QueueEndpoint=$endpoint:$queue_port/$ACCOUNT_NAME;TableEndpoint=$endpoint:$table_port/$ACCOUNT_NAME;'
ENV
  say "started (pid $pid); data in $DATA_DIR, log in $LOG_FILE"
  cmd_wait
  say "connection string in $ENV_FILE (AZURITE_CONNECTION_STRING)"
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    say "not running"
    rm -f "$ENV_FILE"
    return
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid ignored SIGTERM for 10s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$ENV_FILE"
  say "stopped (pid $pid)"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    say "not running"
    return
  fi
  say "running (pid $pid): blob $(env_value AZURITE_BLOB_PORT), queue $(env_value AZURITE_QUEUE_PORT), table $(env_value AZURITE_TABLE_PORT)"
  say "AZURITE_CONNECTION_STRING=$(env_value AZURITE_CONNECTION_STRING)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  wait) cmd_wait ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) fail "usage: scripts/azurite.sh install|start|wait|stop|status" ;;
esac
