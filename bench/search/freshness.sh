#!/usr/bin/env bash
# Issue 5 freshness benchmark: starts the whole system from the AppHost (Release, throw-away data folder, high ports),
# loads the shared data through the gateway so the index is not empty, then 100 trials of: create + publish a resource with
# a unique word through the gateway, poll GET /api/v1/search?q=<word> every 20 ms until it appears. Prints the
# distribution of publish-response -> first-search-hit times. Goal: p95 < 1 s.
# Usage: bench/search/freshness.sh    (env: TRIALS=100 POLL_MS=20 LOAD_SHARED=1 GATEWAY_PORT=18581 DASHBOARD_PORT=18582)
# Everything binds to 127.0.0.1; the AppHost (and with it every service it started) is stopped by its pid at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/bench/apphost.sh"
apphost_bench freshness 18581 18582
trials=${TRIALS:-100}; poll_ms=${POLL_MS:-20}

cd "$repo"
source "$repo/bench/machine.sh"
describe_machine
dotnet build RomApi.sln -c Release -v q -nologo >/dev/null
dotnet build bench/search/FreshnessBench -c Release -v q -nologo >/dev/null
trap stop_apphost EXIT
# The services inherit the AppHost's environment: lift the gateway's anonymous per-IP limit (the poller searches anonymously).
Limits__AnonymousPerMinute=100000000 Limits__GlobalPerSecond=100000000 start_apphost
gw="http://127.0.0.1:$gateway_port"

if [ "${LOAD_SHARED:-1}" = 1 ]; then
  echo "shared data loaded: $(dotnet tools/RomApi.Loader/bin/Release/net10.0/RomApi.Loader.dll --gateway "$gw" --password "$admin_password" \
    --data data 2>/dev/null | tail -2 | head -1)"
  # Let the indexer take in the whole load before measuring: the total must hold still for 3 s.
  previous=-1; total=0
  for _ in $(seq 1 120); do
    total=$(curl -s "$gw/api/v1/search?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["total"])')
    [ "$total" -gt 0 ] && [ "$total" = "$previous" ] && break
    previous=$total; sleep 3
  done
  echo "documents in search before the trials: $total"
fi
echo "trials: $trials, poll every $poll_ms ms (search through the gateway, anonymous)"
dotnet bench/search/FreshnessBench/bin/Release/net10.0/FreshnessBench.dll --gateway "$gw" --password "$admin_password" \
  --trials "$trials" --poll-ms "$poll_ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
