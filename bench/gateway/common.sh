# Shared by bench.sh and fault.sh: start the system through GatewayBench, read its state, stop everything we started.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/romapi-gwbench-XXXX)
state="$work/state.json"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

build() {
  dotnet build -c Release "$repo/bench/gateway/GatewayBench" -v q -nologo >/dev/null
  dotnet build -c Release "$repo/bench/gateway/PlainYarp" -v q -nologo >/dev/null
}

# start_system REPLICAS KEY=VALUE... -> waits until the state file says ready
start_system() {
  dotnet "$repo/bench/gateway/GatewayBench/bin/Release/net10.0/GatewayBench.dll" "$state" "$@" >"$work/system.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do [ -s "$state" ] && return 0; sleep 0.5; done
  echo "system did not start; see $work/system.log" >&2; exit 1
}

jq_state() { python3 -c "import json,sys; s=json.load(open('$state')); print(eval(sys.argv[1]))" "$1"; }
gateway_url() { echo "http://127.0.0.1:$(jq_state "s['resources']['gateway'][0]['Port']")"; }
backend_urls() { jq_state "' '.join('http://127.0.0.1:%d' % r['Port'] for r in s['resources']['resourceservice'])"; }
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }

# register_user GATEWAY -> prints the access token
register_user() {
  curl -s -X POST "$1/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-$RANDOM$RANDOM@example.com\",\"password\":\"bench password 123\",\"name\":\"bench\"}" |
    python3 -c "import json,sys; print(json.load(sys.stdin)['data']['accessToken'])"
}

# create_key GATEWAY TOKEN -> prints the API key
create_key() {
  curl -s -X POST "$1/api/v1/api-keys" -H 'Content-Type: application/json' -H "Authorization: Bearer $2" \
    -d '{"name":"bench","permissions":["resources:read"],"rateLimit":10000000}' |
    python3 -c "import json,sys; print(json.load(sys.stdin)['data']['key'])"
}

machine() {
  echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%Y-%m-%dT%H:%MZ)"
}
