#!/usr/bin/env bash
# Authenticated GET through the gateway (JWT, API key; rate limiting ON in Redis, limits high enough never to refuse), next to
# nginx proxy_pass and plain YARP, all three in front of the same backend, in one run.
# The backend is a static nginx answer (a few microseconds), so the proxies and not the backend are measured: the real
# resourceservice answers /api/v1/categories from PostgreSQL at ~150 req/s on this machine, which would hide every proxy's cost.
# The system (PostgreSQL, Redis, services) is started through GatewayBench; a second gateway process, built in Release like the
# rest, is started on the same PostgreSQL and Redis with resourceservice pointed at the static backend.
# Usage: bench/gateway/bench.sh [seconds per run, default 10] [connections, default 32] [rounds, default 5]
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${1:-10}
connections=${2:-32}
rounds=${3:-5}
build
big=100000000
start_system 1
cs() { jq_state "s['connectionStrings']['$1']"; }
static_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/static.conf" <<CONF
worker_processes 1;
pid $work/nginx/static.pid;
error_log $work/nginx/static-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:$static_port; location / { default_type application/json; return 200 '{"success":true,"data":[],"timestamp":"2026-01-01T00:00:00Z"}'; } }
}
CONF
nginx -c "$work/nginx/static.conf" -g 'daemon off;' &
pids+=($!)
backend="http://127.0.0.1:$static_port"

gateway_port=$(free_port)
gateway="http://127.0.0.1:$gateway_port"
(
  cd "$repo/RomApi.Gateway"
  exec env ASPNETCORE_URLS="$gateway" ASPNETCORE_ENVIRONMENT=Production \
    "ConnectionStrings__identitydb=$(cs identitydb)" "ConnectionStrings__cache=$(cs cache)" \
    "ConnectionStrings__identity-secrets=$(cs identity-secrets)" \
    "services__resourceservice__http__0=$backend" \
    "services__searchservice__http__0=http://127.0.0.1:$(jq_state "s['resources']['searchservice'][0]['Port']")" \
    "services__analyticsservice__http__0=http://127.0.0.1:$(jq_state "s['resources']['analyticsservice'][0]['Port']")" \
    Limits__PerMinuteByPlan__FREE=$big Limits__AnonymousPerMinute=$big Limits__GlobalPerSecond=$big Identity__MonthlyQuotaByPlan__FREE=$big ${GATEWAY_EXTRA:-} \
    "Edge__RequestLog=${REQUEST_LOG:-true}" \
    dotnet "$repo/RomApi.Gateway/bin/Release/net10.0/RomApi.Gateway.dll" >"$work/gateway.log" 2>&1
) &
pids+=($!)
for _ in $(seq 1 120); do curl -sf "$gateway/alive" >/dev/null && break; sleep 0.5; done
token=$(register_user "$gateway")
key=$(create_key "$gateway" "$token")

nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log $work/nginx/access.log combined buffer=64k;
  upstream backend { server ${backend#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
yarp_port=$(free_port)
dotnet "$repo/bench/gateway/PlainYarp/bin/Release/net10.0/PlainYarp.dll" "$yarp_port" $backend &
pids+=($!)
sleep 3

# One wrk run: prints "req/s p99_ms non2xx".
measure() { # URL [HEADER]
  local url=$1 header=${2:-}
  local args=(-t2 -c"$connections" -d"${seconds}s" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  local out; out=$(wrk "${args[@]}" "$url")
  local p99; p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  case $p99 in *us) p99=$(echo "${p99%us} / 1000" | bc -l);; *ms) p99=${p99%ms};; *s) p99=$(echo "${p99%s} * 1000" | bc -l);; esac
  echo "$(echo "$out" | awk '/Requests\/sec/{print $2}') $p99 $(echo "$out" | awk '/Non-2xx/{print $NF}' | grep . || echo 0)"
}

path=/api/v1/categories
labels=("backend (static nginx) direct" "nginx proxy_pass" "plain YARP" "gateway, anonymous" "gateway, JWT" "gateway, API key")
urls=("$backend$path" "http://127.0.0.1:$nginx_port$path" "http://127.0.0.1:$yarp_port$path" "$gateway$path" "$gateway$path" "$gateway$path")
headers=("" "" "" "" "Authorization: Bearer $token" "X-API-Key: $key")
for i in "${!labels[@]}"; do  # warm-up
  if [ -n "${headers[$i]}" ]; then wrk -t2 -c"$connections" -d3s -H "${headers[$i]}" "${urls[$i]}" >/dev/null; else wrk -t2 -c"$connections" -d3s "${urls[$i]}" >/dev/null; fi
done
# The machine is shared and its speed drifts by 2-4x within minutes: the targets take turns, round after round, and each row
# reports its median; the ratio to nginx is the median of the per-round ratios.
declare -A results
for round in $(seq 1 "$rounds"); do
  for i in "${!labels[@]}"; do
    results[$round,$i]=$(measure "${urls[$i]}" "${headers[$i]}")
    echo "round $round: ${labels[$i]}: ${results[$round,$i]}" >&2
  done
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "$(machine); wrk -t2 -c$connections, ${rounds} rounds of ${seconds} s per target, GET $path, request log ${REQUEST_LOG:-true}"
echo "| target | req/s (median) | p99 ms (median) | non-2xx (all rounds) | req/s vs nginx (median of rounds) | p99 vs nginx (median of rounds) |"
echo "|---|---|---|---|---|---|"
for i in "${!labels[@]}"; do
  rps=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f1; done | median)
  p99=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f2; done | median)
  non2xx=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f3; done | paste -sd+ | bc)
  ratio=$(for r in $(seq 1 "$rounds"); do echo "$(echo "${results[$r,$i]}" | cut -d' ' -f1) / $(echo "${results[$r,1]}" | cut -d' ' -f1)" | bc -l; done | median)
  p99ratio=$(for r in $(seq 1 "$rounds"); do echo "$(echo "${results[$r,$i]}" | cut -d' ' -f2) / $(echo "${results[$r,1]}" | cut -d' ' -f2)" | bc -l; done | median)
  printf '| %s | %.0f | %.2f | %s | %.2f | %.2f |\n' "${labels[$i]}" "$rps" "$p99" "$non2xx" "$ratio" "$p99ratio"
done
