#!/usr/bin/env bash
# GET by id through the gateway while Redis hangs (SIGSTOP: its port still open, nothing answering), before and after.
# Shows what one hung cache costs readers: every cache call waits until the resource service gives up on Redis.
# Usage: bench/resources/redis-hang.sh [seconds per phase, default 10]   (needs wrk and redis-server)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/romapi-bench-hang-XXXX); chmod 755 "$work"
seconds=${1:-10}
gateway_port=${GATEWAY_PORT:-18491}; dashboard_port=${DASHBOARD_PORT:-18492}
admin_password="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cd "$repo"
dotnet build RomApi.sln -c Release -v q -nologo >/dev/null
source "$repo/bench/apphost.sh"
redis_pid=""
cleanup() {
  [ -n "$redis_pid" ] && kill -CONT "$redis_pid" 2>/dev/null || true
  stop_apphost
}
trap cleanup EXIT
Limits__AnonymousPerMinute=100000000 Limits__GlobalPerSecond=100000000 start_apphost
gw="http://127.0.0.1:$gateway_port"
echo "loaded: $(dotnet tools/RomApi.Loader/bin/Release/net10.0/RomApi.Loader.dll --gateway "$gw" --password "$admin_password" --data data --only apis 2>&1 | tail -2 | head -1)" >&2
id=$(curl -s "$gw/api/v1/api-resources?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
redis_pid=$(resource_pid cache)
phase() { # NAME
  local out; out=$(wrk -t2 -c8 -d"${seconds}s" --latency "$gw/api/v1/api-resources/$id")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(echo "$out" | awk '/requests in/{print $1}')" "$(echo "$out" | awk '/Requests\/sec/{print $2}')" \
    "$(echo "$out" | awk '$1=="50%"{print $2}')" "$(echo "$out" | awk '$1=="99%"{print $2}')" \
    "$(echo "$out" | awk '/Non-2xx/{print $NF}' | grep . || echo 0)"
  echo "$out" | grep -i "socket errors" >&2 || true
}
wrk -t2 -c8 -d10s "$gw/api/v1/api-resources/$id" >/dev/null  # warm-up (JIT), and the entry is cached
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD); wrk -t2 -c8 -d${seconds}s, GET /api/v1/api-resources/{id} through the gateway"
echo "| phase | requests | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
phase "Redis answering"
kill -STOP "$redis_pid"
phase "Redis hung (SIGSTOP)"
kill -CONT "$redis_pid"
sleep 2
phase "Redis resumed"
