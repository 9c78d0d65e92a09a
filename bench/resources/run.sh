#!/usr/bin/env bash
# Issue 3 benchmarks: ingest of the shared data and of a 10,000-item batch through the gateway, then GET by id through the
# gateway (cache hit and cache miss) next to nginx proxy_pass and a bare YARP proxy (bench/gateway/PlainYarp: no gateway features)
# to the same resource-service replica, same run, wrk 64 connections.
# Usage: bench/resources/run.sh    (needs wrk, nginx, redis-cli: apt-get install -y wrk nginx-light redis-tools)
# Everything binds to 127.0.0.1 on high ports; every process started here is stopped by its pid at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/resources"
work=$(mktemp -d /tmp/romapi-bench-resources-XXXX); chmod 755 "$work"
gateway_port=${GATEWAY_PORT:-18481}; dashboard_port=${DASHBOARD_PORT:-18482}; nginx_port=${NGINX_PORT:-18485}; yarp_port=${YARP_PORT:-18486}  # the dashboard takes its port + 1 for OTLP
duration=${DURATION:-10s}; connections=${CONNECTIONS:-64}
admin_password="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

cd "$repo"
dotnet build RomApi.sln -c Release -v q -nologo >/dev/null
dotnet build bench/gateway/PlainYarp -c Release -v q -nologo >/dev/null
source "$repo/bench/apphost.sh"
nginx_pid=""; yarp_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$yarp_pid" ] && kill "$yarp_pid" 2>/dev/null || true
  stop_apphost
}
trap cleanup EXIT
# The services inherit the AppHost's environment: lift the gateway's anonymous per-IP limit, or wrk would measure 429s.
# TRACE_SAMPLE (default 1 = every request, the AppHost's default) sets the OTel trace sampler of every service.
Limits__AnonymousPerMinute=100000000 Limits__GlobalPerSecond=100000000 \
OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG="${TRACE_SAMPLE:-1}" start_apphost

service_port=$(resource_port resourceservice)
redis_port=$(resource_port cache)
gw="http://127.0.0.1:$gateway_port"
loader() { dotnet tools/RomApi.Loader/bin/Release/net10.0/RomApi.Loader.dll --gateway "$gw" --password "$admin_password" --data data "$@" 2>/dev/null; }

echo "## machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GB, $(date -u +%FT%TZ)"
echo "## ingest through the gateway (loader, upsert, publish, enrichment on)"
echo "shared data (osm-pois-cm.jsonl + public-apis.jsonl, batches of 2000): $(loader | grep "^Imported")"
echo "10,000-item batch, create:  $(loader --replicate 10000 --batch 10000 | grep "^Imported")"
echo "10,000-item batch, upsert:  $(loader --replicate 10000 --batch 10000 | grep "^Imported")"
[ "${SKIP_GET:-}" = 1 ] && exit 0
echo "## trace sampling ratio: ${TRACE_SAMPLE:-1}"

# Every published id (anonymous list, pages of 100).
: >"$work/ids.txt"
for offset in $(seq 0 100 30000); do
  page=$(curl -s "$gw/api/v1/api-resources?limit=100&offset=$offset" | python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)["data"]))')
  [ -z "$page" ] && break
  echo "$page" >>"$work/ids.txt"
done
hot=$(head -n 1 "$work/ids.txt")
echo "## GET by id: $(wc -l <"$work/ids.txt") published ids; wrk -t2 -c$connections -d$duration --latency"

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream resourceservice { server 127.0.0.1:$service_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://resourceservice; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
dotnet bench/gateway/PlainYarp/bin/Release/net10.0/PlainYarp.dll "$yarp_port" "http://127.0.0.1:$service_port" >"$work/yarp.log" 2>&1 &
yarp_pid=$!
sleep 2

run() { # label url [lua]
  local label=$1 url=$2 script=${3:-}
  local out
  if [ -n "$script" ]; then
    out=$(IDS_FILE="$work/ids.txt" wrk -t2 -c"$connections" -d"${MISS_DURATION:-5s}" --latency -s "$script" "$url")
  else
    out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$url")
  fi
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr "\n" " " || true)
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "${errors:-none}"
}
printf '| run | req/s | p50 | p99 | errors |\n|---|---|---|---|---|\n'
curl -s -o /dev/null "$gw/api/v1/api-resources/$hot"
# The machine's speed drifts within minutes: the three targets take turns, ROUNDS times (default 3); compare rows of one round.
for round in $(seq 1 "${ROUNDS:-3}"); do
  run "round $round: cache hit, gateway (YARP)" "$gw/api/v1/api-resources/$hot"
  run "round $round: cache hit, nginx proxy_pass" "http://127.0.0.1:$nginx_port/api/v1/api-resources/$hot"
  run "round $round: cache hit, plain YARP (no gateway features)" "http://127.0.0.1:$yarp_port/api/v1/api-resources/$hot"
  run "round $round: cache hit, service direct" "http://127.0.0.1:$service_port/api/v1/api-resources/$hot"
done
redis-cli -p "$redis_port" FLUSHDB >/dev/null
run "cache miss (each id once after FLUSHDB), gateway" "$gw" "$here/ids.lua"
redis-cli -p "$redis_port" FLUSHDB >/dev/null
run "cache miss (each id once after FLUSHDB), nginx" "http://127.0.0.1:$nginx_port" "$here/ids.lua"
echo "(cache-miss runs: ids cycle, so once every id has been read in a run the rest of that run hits; see RESULTS.md)"
