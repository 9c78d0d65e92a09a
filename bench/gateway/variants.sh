#!/usr/bin/env bash
# A/B the gateway against itself: starts the system once (as bench.sh does), nginx proxy_pass and plain YARP in front of the same
# static backend, and one gateway process per variant, each with its own environment; then the targets take turns for several
# rounds, so the machine's drift hits every variant alike. Use it to decide whether a change to the hot path is worth keeping.
# Usage: bench/gateway/variants.sh SECONDS ROUNDS CALLER 'name:KEY=VALUE KEY=VALUE' ['name:...' ...]
#   CALLER is anonymous, jwt or key. A variant may set DLL=path to run another build of the gateway (e.g. a copy of bin/Release
#   taken before a change). Prints one line per round and target, then the table bench.sh prints (medians, ratios to nginx).
#   HOLD=1 starts everything, prints the targets and their pids, and waits (for profiling) instead of measuring.
#   PROFILE=1 runs each target but nginx once under load while perf samples it, then prints where each one's CPU per request
#   goes (bench/gateway/profile_table.py): by owner (kernel, native library, .NET assembly), then the methods that cost the last
#   variant the most above plain YARP. Every .NET target runs with its perf map on and W^X off (perf cannot name JIT-compiled
#   code in W^X's memfd mapping); needs perf.
#   TOGETHER=1 puts the gateway variants under load all at once each round (nginx and plain YARP sit out) and prints each one's CPU
#   per request next to the first variant's in the same round: the way to tell apart builds a few µs per request apart.
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=$1; rounds=$2; caller=$3; shift 3
build
if [ -n "${PROFILE:-}" ]; then
  command -v perf >/dev/null || { echo "PROFILE=1 needs perf (apt-get install linux-perf)" >&2; exit 1; }
  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
fi
start_system 1
start_static_backend  # sets $backend
start_nginx_proxy     # sets $nginx_port
start_yarp_peers "$backend"  # sets $yarp_port, $aspire_yarp_port

labels=("nginx proxy_pass" "plain YARP" "YARP with the service defaults")
urls=("http://127.0.0.1:$nginx_port" "http://127.0.0.1:$yarp_port" "http://127.0.0.1:$aspire_yarp_port")
for variant in "$@"; do
  name=${variant%%:*}
  read -r -a settings <<<"${variant#*:}"
  dll="$repo/RomApi.Gateway/bin/Release/net10.0/RomApi.Gateway.dll"
  environment=()
  for setting in "${settings[@]}"; do
    case $setting in DLL=*) dll=${setting#DLL=};; *=*) environment+=("$setting");; esac
  done
  port=$(free_port)
  start_bench_gateway "$port" "$dll" "$work/gateway-$name.log" "${environment[@]}"
  labels+=("gateway $name")
  urls+=("http://127.0.0.1:$port")
done
for i in "${!urls[@]}"; do
  [ "$i" -lt 3 ] && continue
  wait_alive "${urls[$i]}" "$work/gateway-${labels[$i]#gateway }.log"
done
header=""
case $caller in
  jwt) header="Authorization: Bearer $(register_user "${urls[3]}")";;
  key) header="X-API-Key: $(create_key "${urls[3]}" "$(register_user "${urls[3]}")")";;
esac
path=/api/v1/categories
if [ -n "${HOLD:-}" ]; then  # keep everything up for profiling; stop with Ctrl-C or by killing this script
  for i in "${!urls[@]}"; do echo "${labels[$i]}: ${urls[$i]}$path pid $(port_pid "$(url_port "${urls[$i]}")")"; done
  echo "header: $header"
  sleep infinity & pids+=($!); wait $!
fi
headers=()
for i in "${!urls[@]}"; do
  urls[$i]="${urls[$i]}$path"
  if [ "$i" -lt 3 ]; then headers+=(""); else headers+=("$header"); fi
done
warm_up "${WARMUP:-20}"
if [ -n "${PROFILE:-}" ]; then
  for i in "${!urls[@]}"; do
    [ "$i" -eq 0 ] && continue  # nginx: no perf map to name its code, and not the question
    perf record -F 999 -p "$(port_pid "$(url_port "${urls[$i]}")")" -o "$work/perf-$i.data" -- sleep "$seconds" >/dev/null 2>&1 &
    perf_pid=$!
    result=$(run_wrk "$seconds" "${urls[$i]}" "${headers[$i]}")
    wait "$perf_pid"
    echo "${labels[$i]}: $result" >&2
    printf '%s\t%s\t%s\n' "${labels[$i]}" "$(echo "$result" | cut -d' ' -f4)" "$work/perf-$i.data" >>"$work/profiles"
  done
  echo "$(machine); each target alone under wrk -t2 -c32 for $seconds s while perf samples it (999 Hz), GET $path as $caller"
  python3 "$repo/bench/gateway/profile_table.py" "$work/profiles"
  exit 0
fi
if [ -n "${TOGETHER:-}" ]; then
  together "$rounds" "$seconds" 3
  echo "$(machine); the gateway variants at once, wrk -t1 -c16 each, $rounds rounds of $seconds s, GET $path as $caller"
  print_together "$rounds" 3
  exit 0
fi
interleave "$rounds" "$seconds"
echo "$(machine); wrk -t2 -c32, $rounds rounds of $seconds s per target, GET $path as $caller"
print_table "$rounds" 0 1
