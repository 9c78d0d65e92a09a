#!/usr/bin/env bash
# Authenticated GET through the gateway (JWT, API key; rate limiting ON in Redis, limits high enough never to refuse), next to
# nginx proxy_pass and plain YARP, all three in front of the same backend, in one run.
# The backend is a static nginx answer (a few microseconds), so the proxies and not the backend are measured: the real
# resourceservice answers /api/v1/categories from PostgreSQL at ~150 req/s on this machine, which would hide every proxy's cost.
# The system (PostgreSQL, Redis, services) is started through GatewayBench; a second gateway process, built in Release like the
# rest, is started on the same PostgreSQL and Redis with resourceservice pointed at the static backend.
# Usage: bench/gateway/bench.sh [seconds per run, default 10] [connections, default 32] [rounds, default 5]
# WARMUP: seconds of load per target before measuring (default 20). Every .NET process runs with DOTNET_TC_CallCountingDelayMs=0,
# as deployed (RomApi.AppHost/RuntimeTuning.cs). The CPU column is what the target process spent per request (/proc).
set -euo pipefail
source "$(dirname "$0")/common.sh"
proxy_bench_arguments 5 "$@"
build
start_system 1
start_static_backend  # sets $backend

# shellcheck disable=SC2086 # GATEWAY_EXTRA is a list of KEY=VALUE words
start_gateway_under_test ${GATEWAY_EXTRA:-} "Edge__RequestLog=${REQUEST_LOG:-true}"  # sets $gateway
token=$(register_user "$gateway")
key=$(create_key "$gateway" "$token")

start_nginx_proxy     # sets $nginx_port
start_yarp_peers "$backend"  # sets $yarp_port, $aspire_yarp_port
sleep 3

path=/api/v1/categories
labels=("backend (static nginx) direct" "nginx proxy_pass" "plain YARP" "YARP with the service defaults" "gateway, anonymous" "gateway, JWT" "gateway, API key")
urls=("$backend$path" "http://127.0.0.1:$nginx_port$path" "http://127.0.0.1:$yarp_port$path" "http://127.0.0.1:$aspire_yarp_port$path" "$gateway$path" "$gateway$path" "$gateway$path")
headers=("" "" "" "" "" "Authorization: Bearer $token" "X-API-Key: $key")
warm_up "${WARMUP:-20}"
interleave "$rounds" "$seconds"
echo "$(machine); wrk -t2 -c$connections, ${rounds} rounds of ${seconds} s per target, GET $path, request log ${REQUEST_LOG:-true}"
print_table "$rounds" 1 2
