#!/usr/bin/env bash
# GET by id (a resource the resource service has cached) through the gateway, next to nginx proxy_pass and plain YARP in front of
# the same resource-service replica, in one run: the issue's "GET by id through the gateway (cache hit) >= 0.8x nginx" pairing.
# Unlike bench.sh the backend is the real service, so this shows what a client sees, the service's own cost included; bench.sh
# shows the proxies' cost alone. The gateway is a second process (as in bench.sh) on the system's PostgreSQL and Redis, its limits
# lifted out of reach; it forwards to the system's resource-service replica, as do nginx and plain YARP.
# Usage: bench/gateway/by-id.sh [seconds per run, default 10] [connections, default 32] [rounds, default 3]
# WARMUP: seconds of load per target before measuring (default 20). GATEWAY_EXTRA: KEY=VALUE words for the gateway's environment.
set -euo pipefail
source "$(dirname "$0")/common.sh"
proxy_bench_arguments 3 "$@"
build
start_system 1
backend=$(backend_urls | cut -d' ' -f1)  # the resource service replica, for start_nginx_proxy and start_bench_gateway

# shellcheck disable=SC2086 # GATEWAY_EXTRA is a list of KEY=VALUE words
start_gateway_under_test ${GATEWAY_EXTRA:-}  # sets $gateway

# One published resource: created by the admin (from the system's configuration), published, then read once so it is cached.
admin=$(curl -s -X POST "$gateway/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@romapi.local\",\"password\":\"$(jq_state "s['adminPassword']")\"}" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['data']['accessToken'])")
id=$(curl -s -X POST "$gateway/api/v1/api-resources" -H 'Content-Type: application/json' -H "Authorization: Bearer $admin" \
  -d '{"name":"Bench by id","resourceType":"API","description":"GET by id benchmark","address":{"city":"Douala","country":"CM"}}' |
  python3 -c "import json,sys; print(json.load(sys.stdin)['data']['id'])")
curl -sf -X POST "$gateway/api/v1/api-resources/$id/publish" -H "Authorization: Bearer $admin" >/dev/null
key=$(create_key "$gateway" "$(register_user "$gateway")")

start_nginx_proxy     # sets $nginx_port
start_yarp_peers "$backend"  # sets $yarp_port, $aspire_yarp_port
sleep 3

path=/api/v1/api-resources/$id
curl -sf "$gateway$path" >/dev/null || { echo "GET $path through the gateway failed; see $work/gateway.log" >&2; exit 1; }
labels=("resource service direct" "nginx proxy_pass" "plain YARP" "YARP with the service defaults" "gateway, anonymous" "gateway, API key")
urls=("$backend$path" "http://127.0.0.1:$nginx_port$path" "http://127.0.0.1:$yarp_port$path" "http://127.0.0.1:$aspire_yarp_port$path" "$gateway$path" "$gateway$path")
headers=("" "" "" "" "" "X-API-Key: $key")
warm_up "${WARMUP:-20}"
interleave "$rounds" "$seconds"
echo "$(machine); load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$connections, ${rounds} rounds of ${seconds} s per target, GET /api/v1/api-resources/{id}"
print_table "$rounds" 1 2
