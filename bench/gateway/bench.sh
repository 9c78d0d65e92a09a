#!/usr/bin/env bash
# Authenticated GET /api/v1/categories through the gateway (JWT, API key; rate limiting ON with limits high enough never to refuse),
# next to nginx proxy_pass and plain YARP to the same resourceservice replica, and the backend itself, in one run.
# Usage: bench/gateway/bench.sh [seconds per run, default 20] [connections, default 32]
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${1:-20}
connections=${2:-32}
build
big=100000000
start_system 1 "Limits__PerMinuteByPlan__FREE=$big" "Limits__AnonymousPerMinute=$big" "Limits__GlobalPerSecond=$big" \
  "Logging__LogLevel__RomApi.Gateway.Edge.RequestLogMiddleware=${REQUEST_LOG_LEVEL:-Information}"
gateway=$(gateway_url)
backend=$(backend_urls)
token=$(register_user "$gateway")
key=$(create_key "$gateway" "$token")

nginx_port=$(free_port)
mkdir -p "$work/nginx"
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

run() { # LABEL URL [HEADER]
  local label=$1 url=$2 header=${3:-}
  local args=(-t2 -c"$connections" -d"${seconds}s" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d3s "$url" >/dev/null 2>&1  # warm-up
  local out; out=$(wrk "${args[@]}" "$url")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  printf '| %-34s | %10s | %8s | %6s |\n' "$label" "$rps" "$p99" "${non2xx:-0}"
}

path=/api/v1/categories
echo "$(machine); wrk -t2 -c$connections -d${seconds}s, GET $path, request log level ${REQUEST_LOG_LEVEL:-Information}"
echo "| target | req/s | p99 | non-2xx |"
echo "|---|---|---|---|"
run "backend (resourceservice) direct" "$backend$path"
run "nginx proxy_pass" "http://127.0.0.1:$nginx_port$path"
run "plain YARP" "http://127.0.0.1:$yarp_port$path"
run "gateway, anonymous" "$gateway$path"
run "gateway, JWT" "$gateway$path" "Authorization: Bearer $token"
run "gateway, API key" "$gateway$path" "X-API-Key: $key"
