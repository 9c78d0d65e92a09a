# Shared by the gateway benches (bench.sh, by-id.sh, variants.sh, fault.sh): start the system through GatewayBench, read its state, stop everything we started.
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
  dotnet build -c Release "$repo/bench/gateway/AspireYarp" -v q -nologo >/dev/null
}

# start_yarp_peers DESTINATION... -> sets $yarp_port (plain YARP) and $aspire_yarp_port (YARP with the platform's service defaults).
start_yarp_peers() {
  yarp_port=$(free_port)
  DOTNET_TC_CallCountingDelayMs=0 dotnet "$repo/bench/gateway/PlainYarp/bin/Release/net10.0/PlainYarp.dll" "$yarp_port" "$@" &
  pids+=($!)
  aspire_yarp_port=$(free_port)
  DOTNET_TC_CallCountingDelayMs=0 dotnet "$repo/bench/gateway/AspireYarp/bin/Release/net10.0/AspireYarp.dll" "$aspire_yarp_port" "$@" \
    >"$work/aspire-yarp.log" 2>&1 &
  pids+=($!)
}

# start_system REPLICAS KEY=VALUE... -> waits until the state file says ready
start_system() {
  dotnet "$repo/bench/gateway/GatewayBench/bin/Release/net10.0/GatewayBench.dll" "$state" "$@" >"$work/system.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do [ -s "$state" ] && return 0; sleep 0.5; done
  echo "system did not start; see $work/system.log" >&2; exit 1
}

jq_state() { python3 -c "import json,sys; s=json.load(open('$state')); print(eval(sys.argv[1]))" "$1"; }
cs() { jq_state "s['connectionStrings']['$1']"; }
gateway_url() { echo "http://127.0.0.1:$(jq_state "s['resources']['gateway'][0]['Port']")"; }
# The gateway's operator port: /metrics and the detailed /health without an admin token.
management_url() { echo "http://127.0.0.1:$(jq_state "s['managementPort']")"; }
backend_urls() { jq_state "' '.join('http://127.0.0.1:%d' % r['Port'] for r in s['resources']['resourceservice'])"; }
# A free port not handed out before in this run: the kernel may give a released port again, and two targets on one port would
# make one of them fail to start. (A file, not a variable: callers run this in a subshell.)
free_port() {
  local port
  while :; do
    port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
    grep -qx "$port" "$work/ports" 2>/dev/null || { echo "$port" >>"$work/ports"; echo "$port"; return; }
  done
}

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

# start_static_backend -> sets $backend: a static nginx answer, so the proxies in front of it are measured, not a service.
# ANSWER=<file> (e.g. bench/gateway/answers/search-pharmacie-10.json): that file is the answer to every path instead of 60 bytes.
start_static_backend() {
  local port; port=$(free_port)
  mkdir -p "$work/nginx"
  local answer="return 200 '{\"success\":true,\"data\":[],\"timestamp\":\"2026-01-01T00:00:00Z\"}';"
  if [ -n "${ANSWER:-}" ]; then
    [ -f "$ANSWER" ] || { echo "ANSWER=$ANSWER: no such file" >&2; exit 1; }
    cp "$ANSWER" "$work/nginx/answer.json"
    # nginx's worker runs as an unprivileged user: it must be able to reach the file.
    chmod o+x "$work" "$work/nginx"; chmod o+r "$work/nginx/answer.json"
    answer="root $work/nginx; try_files /answer.json =404; etag off;"
  fi
  cat >"$work/nginx/static.conf" <<CONF
worker_processes 1;
pid $work/nginx/static.pid;
error_log $work/nginx/static-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:$port; location / { default_type application/json; $answer } }
}
CONF
  nginx -c "$work/nginx/static.conf" -g 'daemon off;' &
  pids+=($!)
  backend="http://127.0.0.1:$port"
}

# start_nginx_proxy -> sets $nginx_port: nginx proxy_pass to $backend with keep-alive, access log buffered as nginx is usually run.
start_nginx_proxy() {
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
}

# url_port URL -> the port of an http://host:port/... URL.
url_port() { local port=${1#http://*:}; echo "${port%%/*}"; }

# port_pid PORT -> the pid of the process listening on PORT (nginx: its master).
port_pid() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1; }

# cpu_ticks PORT -> user+system clock ticks so far of the process listening on PORT with its children (nginx: master and worker).
cpu_ticks() {
  local pid; pid=$(port_pid "$1")
  [ -n "$pid" ] || { echo 0; return; }
  python3 "$repo/bench/load/cpu.py" "p=$pid" | python3 -c "import json,os,sys; print(int(json.load(sys.stdin)['p'] * os.sysconf('SC_CLK_TCK')))"
}

# run_wrk SECONDS URL [HEADER] -> prints "req/s p99_ms non2xx cpu_us_per_request" (wrk -t2, $connections or 32 connections).
# The CPU the proxy spent per request (from /proc) does not depend on how much of the machine others leave it, unlike req/s.
run_wrk() {
  local args=(-t"${threads:-2}" -c"${connections:-32}" -d"$1s" --latency)
  [ -n "${3:-}" ] && args+=(-H "$3")
  local port; port=$(url_port "$2")
  local before; before=$(cpu_ticks "$port")
  local out; out=$(wrk "${args[@]}" "$2")
  local after; after=$(cpu_ticks "$port")
  # awk, not bc: bc is not on a fresh machine of this kind.
  local p99; p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) v=v/1000; else if (v ~ /ms$/) v=v+0; else if (v ~ /s$/) v=v*1000; print v}')
  local requests; requests=$(echo "$out" | awk '/requests in/{print $1}')
  local cpu_us; cpu_us=$(awk -v a="$after" -v b="$before" -v n="$requests" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (n > 0 ? (a - b) / t * 1e6 / n : 0)}')
  echo "$(echo "$out" | awk '/Requests\/sec/{print $2}') $p99 $(echo "$out" | awk '/Non-2xx/{print $NF}' | grep . || echo 0) $cpu_us"
}

# warm_up SECONDS: every target under load in turn until its hot path is compiled. On a loaded machine the JIT was still
# compiling the gateway's methods a minute into a run (a quarter of its CPU), a cost plain YARP, with fewer methods, shed sooner.
warm_up() {
  local i
  for i in "${!labels[@]}"; do run_wrk "$1" "${urls[$i]}" "${headers[$i]}" >/dev/null; done
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# interleave ROUNDS SECONDS: wrk on every target in turn (arrays labels, urls, headers), round after round, into results[round,i].
# The machine's speed drifts by 2-4x within minutes: medians over rounds of targets taking turns compare; one-shot runs do not.
interleave() {
  declare -gA results
  local round i
  for round in $(seq 1 "$1"); do
    for i in "${!labels[@]}"; do
      results[$round,$i]=$(run_wrk "$2" "${urls[$i]}" "${headers[$i]}")
      echo "round $round: ${labels[$i]}: ${results[$round,$i]}" >&2
    done
  done
}

# together ROUNDS SECONDS FIRST: the targets from index FIRST on all under load at once (wrk -t1 -c16 each), round after round,
# into results[round,i]. Taking turns leaves each target to its own minute of a machine whose speed drifts; at once, every target
# of a round meets the same machine, so two builds differing by a few µs per request can be told apart.
together() {
  declare -gA results
  local round i
  for round in $(seq 1 "$1"); do
    local runs=()
    for i in "${!labels[@]}"; do
      [ "$i" -lt "$3" ] && continue
      threads=1 connections=16 run_wrk "$2" "${urls[$i]}" "${headers[$i]}" >"$work/together.$i" &
      runs+=($!)
    done
    wait "${runs[@]}"
    for i in "${!labels[@]}"; do
      [ "$i" -lt "$3" ] && continue
      results[$round,$i]=$(cat "$work/together.$i")
      echo "round $round: ${labels[$i]}: ${results[$round,$i]}" >&2
    done
  done
}

# print_together ROUNDS FIRST: per target from FIRST on, the median CPU µs per request and the median of its per-round difference
# to target FIRST (negative: cheaper), with the rounds in which it was cheaper.
print_together() {
  local rounds=$1 first=$2 i r
  echo "| target | CPU µs/request (median) | minus the first target's, same round (median) | rounds cheaper | req/s (median) |"
  echo "|---|---|---|---|---|"
  for i in "${!labels[@]}"; do
    [ "$i" -lt "$first" ] && continue
    local cpu diff cheaper rps
    cpu=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f4; done | median)
    diff=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]} ${results[$r,$first]}" | awk '{print $4 - $8}'; done | median)
    cheaper=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]} ${results[$r,$first]}" | awk '{print ($4 < $8) ? 1 : 0}'; done | awk '{s += $1} END {print s + 0}')
    rps=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f1; done | median)
    printf '| %s | %s | %+.1f | %s of %s | %.0f |\n' "${labels[$i]}" "$cpu" "$diff" "$cheaper" "$rounds" "$rps"
  done
}

# print_table ROUNDS NGINX_INDEX [YARP_INDEX]: a row per target, its medians over the rounds and the medians of its per-round
# ratios to nginx (and to plain YARP), and the CPU the target process spent per request.
print_table() {
  local rounds=$1 nginx=$2 yarp=${3:-} i r
  echo "| target | req/s (median) | p99 ms (median) | non-2xx (all rounds) | req/s vs nginx | p99 vs nginx | req/s vs plain YARP | CPU µs/request (median) |"
  echo "|---|---|---|---|---|---|---|---|"
  for i in "${!labels[@]}"; do
    local rps p99 non2xx ratio p99ratio yarpratio cpu
    rps=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f1; done | median)
    p99=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f2; done | median)
    non2xx=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f3; done | awk '{s += $1} END {print s + 0}')
    cpu=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]}" | cut -d' ' -f4; done | median)
    ratio=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]} ${results[$r,$nginx]}" | awk '{print $1 / $5}'; done | median)
    p99ratio=$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]} ${results[$r,$nginx]}" | awk '{print $2 / $6}'; done | median)
    yarpratio=-
    [ -n "$yarp" ] && yarpratio=$(printf "%.2f" "$(for r in $(seq 1 "$rounds"); do echo "${results[$r,$i]} ${results[$r,$yarp]}" | awk '{print $1 / $5}'; done | median)")
    printf '| %s | %.0f | %.2f | %s | %.2f | %.2f | %s | %s |\n' "${labels[$i]}" "$rps" "$p99" "$non2xx" "$ratio" "$p99ratio" "$yarpratio" "$cpu"
  done
}

# proxy_bench_arguments DEFAULT_ROUNDS [SECONDS [CONNECTIONS [ROUNDS]]]: the usage line bench.sh and by-id.sh share, into
# $seconds (default 10), $connections (default 32) and $rounds.
proxy_bench_arguments() { seconds=${2:-10}; connections=${3:-32}; rounds=${4:-$1}; }

# wait_alive URL [LOG]: polls URL/alive for up to a minute; a process that never answers stops the bench, naming its log.
wait_alive() {
  for _ in $(seq 1 120); do curl -sf "$1/alive" >/dev/null && return 0; sleep 0.5; done
  echo "$1 did not start${2:+; see $2}" >&2; exit 1
}

# start_gateway_under_test [KEY=VALUE...]: this tree's Release gateway as a second process (start_bench_gateway) on a free port,
# its address in $gateway once it answers.
start_gateway_under_test() {
  local port
  port=$(free_port)
  gateway="http://127.0.0.1:$port"
  start_bench_gateway "$port" "$repo/RomApi.Gateway/bin/Release/net10.0/RomApi.Gateway.dll" "$work/gateway.log" "$@"
  wait_alive "$gateway" "$work/gateway.log"
}

# start_bench_gateway PORT DLL LOG [KEY=VALUE...]: a gateway process (Release) on the system's databases and Redis, with
# resourceservice pointed at $backend and every limit lifted far out of reach, so the proxy path is measured, never a 429.
start_bench_gateway() {
  local port=$1 dll=$2 log=$3 big=100000000
  shift 3
  (
    cd "$repo/RomApi.Gateway"
    exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production DOTNET_TC_CallCountingDelayMs=0 \
      "ConnectionStrings__identitydb=$(cs identitydb)" "ConnectionStrings__cache=$(cs cache)" \
      "ConnectionStrings__identity-secrets=$(cs identity-secrets)" \
      "services__resourceservice__http__0=$backend" \
      "services__searchservice__http__0=http://127.0.0.1:$(jq_state "s['resources']['searchservice'][0]['Port']")" \
      "services__analyticsservice__http__0=http://127.0.0.1:$(jq_state "s['resources']['analyticsservice'][0]['Port']")" \
      Limits__PerMinuteByPlan__FREE=$big Limits__AnonymousPerMinute=$big Limits__GlobalPerSecond=$big \
      Identity__MonthlyQuotaByPlan__FREE=$big "$@" \
      dotnet "$dll" >"$log" 2>&1
  ) &
  pids+=($!)
}
