#!/usr/bin/env bash
# Issue 13 ingest benchmark: starts the whole system from the AppHost (Release, throw-away data folder, high ports, 127.0.0.1),
# ingests N resources through the gateway in calls of B items and measures how far search falls behind (see IngestBench/Program.cs).
# The AppHost, and with it every service it started, is stopped by its pid at the end.
# Usage: bench/search/ingest.sh [items=100000] [batch=5000]     (env: GATEWAY_PORT=18593 DASHBOARD_PORT=18594, WARMUP=<items>)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/bench/apphost.sh"
apphost_bench ingest 18593 18594
cd "$repo"
source "$repo/bench/machine.sh"
describe_machine
dotnet build RomApi.AppHost -c Release -v q -nologo >/dev/null
dotnet build bench/search/IngestBench -c Release -v q -nologo >/dev/null
trap 'stop_apphost; rm -rf "$work"' EXIT
# The poller searches anonymously and the admin ingests 100k items: lift the gateway limits for the run.
Limits__AnonymousPerMinute=100000000 Limits__GlobalPerSecond=100000000 start_apphost
ingest() {
  dotnet bench/search/IngestBench/bin/Release/net10.0/IngestBench.dll --gateway "http://127.0.0.1:$gateway_port" --password "$admin_password" \
    --data "$repo/data" --items "$1" --batch "${2:-5000}"
}
if [ "${WARMUP:-0}" -gt 0 ]; then
  # A first, unmeasured load of WARMUP items: the figures then describe a system that has run a bulk load before (compiled code
  # at its final tier) rather than the first load after a start.
  echo "warm-up load of $WARMUP items:"
  ingest "$WARMUP" "${2:-5000}" | sed 's/^/  /'
fi
ingest "${1:-100000}" "${2:-5000}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
