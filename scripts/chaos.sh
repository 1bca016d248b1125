#!/usr/bin/env bash
# The chaos command (issue 7): N orders (default 1000) through the local run while the handler process is SIGKILLed
# K times (default 10) at random moments and restarted; then counts, from the simulators' own records, orders lost,
# duplicate shop orders, duplicate shipments, duplicate (and missing) notifications and orders not in their final
# state. Exit code 0 only when all are zero. CHAOS_SEED=n repeats a run's kill times.
#   scripts/chaos.sh [--orders N] [--kills K]
set -euo pipefail
exec bash "$(dirname "$0")/bench.sh" chaos "$@"
