#!/usr/bin/env bash
# Two builds of the search service side by side on the same index: are their answers the same, and what does each spend per search?
# Starts the system (the AppHost, Release, on a throw-away data folder) and loads the repository's data with the loader, as
# bench/load/run.sh does; then starts one more search-service process per build, each on a copy of the AppHost's own index folder
# and the same databases, and
#   1. asks both every query of the load mix in its three search shapes (3,000 queries x text, text + geo + distance sort,
#      text + city + facets: 9,000 requests, 4 at a time) and counts the answers that differ (ids, scores, totals, facets, meta;
#      not the timestamp or tookMs), printing the first few;
#   2. puts both under load at the same time (wrk -t1 -c8 each) for ROUNDS rounds of SECONDS per shape and prints each one's req/s
#      and CPU µs per search (/proc): side by side, the machine's drift hits both alike.
# Usage: bench/search/side-by-side.sh BEFORE_DLL AFTER_DLL [seconds=10] [rounds=3]
#   e.g. a copy of RomApi.SearchService/bin/Release/net10.0 taken before a change, and this tree's build (built by the script).
# Needs wrk, jq and curl.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
before=$(realpath "$1"); after=$(realpath "$2"); seconds=${3:-10}; rounds=${4:-3}
queries="$repo/bench/load/queries-cm.txt"
source "$repo/bench/apphost.sh"
apphost_bench side-by-side 18591 18592
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; stop_apphost; rm -rf "$work"; }
trap cleanup EXIT

cd "$repo"
dotnet build RomApi.sln -c Release -v q -nologo >/dev/null
start_apphost
gw="http://127.0.0.1:$gateway_port"
dotnet tools/RomApi.Loader/bin/Release/net10.0/RomApi.Loader.dll --gateway "$gw" --password "$admin_password" --data data \
  >"$work/loader.log" 2>&1 || { tail -5 "$work/loader.log"; exit 1; }
echo "loaded: $(grep '^Imported' "$work/loader.log" | tail -1)"
sleep 5  # the AppHost's search service follows the change feed: let it apply the last changes before its folder is copied

# The AppHost's search service's settings (connection strings, service addresses, GC budget): the two builds run with the same.
service=$(resource_pid searchservice)
mapfile -t settings < <(tr '\0' '\n' <"/proc/$service/environ" |
  grep -E '^(ConnectionStrings__|services__|DOTNET_GCgen0size=|DOTNET_TC_CallCountingDelayMs=)')
index_root=$(tr '\0' '\n' <"/proc/$service/environ" | sed -nE 's/^ConnectionStrings__search=.*Directory=([^;]*).*/\1/p')
instance=$(tr '\0' '\n' <"/proc/$service/environ" | sed -nE 's/^OTEL_RESOURCE_ATTRIBUTES=.*service.instance.id=([^,]*).*/\1/p')

start_build() {  # NAME DLL PORT: the build on a copy of the AppHost's index folder (instance NAME), on 127.0.0.1:PORT
  rm -rf "${index_root:?}/$1"
  cp -r "$index_root/$instance" "$index_root/$1"
  find "$index_root/$1" -name write.lock -delete
  (cd "$(dirname "$2")" && exec env "${settings[@]}" ASPNETCORE_URLS="http://127.0.0.1:$3" \
    OTEL_RESOURCE_ATTRIBUTES="service.instance.id=$1" dotnet "$2" >"$work/$1.log" 2>&1) &
  pids+=($!)
}
# Two free ports at once (both sockets held while asking), so the two builds never get the same one.
read -r before_port after_port < <(python3 -c '
import socket
held = [socket.socket() for _ in range(2)]
for s in held: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in held))')
start_build before "$before" "$before_port"; before_pid=${pids[-1]}
start_build after "$after" "$after_port"; after_pid=${pids[-1]}
for port in "$before_port" "$after_port"; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
done

echo "== same answers? (before: $before, after: $after)"
python3 "$repo/bench/search/same-answers.py" "$before_port" "$after_port" "$queries"

export MIXED_QUERIES=$queries
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for shape in text geo facets; do
  echo "== $shape: req/s and CPU µs per search, before | after, both under load at once"
  for round in $(seq 0 "$rounds"); do  # round 0 warms up, unmeasured
    b0=$(cpu "$before_pid"); a0=$(cpu "$after_pid")
    SHAPE=$shape wrk -t1 -c8 -d"${seconds}s" -s "$repo/bench/search/shapes.lua" "http://127.0.0.1:$before_port" >"$work/wrk-before.txt" &
    load=$!
    SHAPE=$shape wrk -t1 -c8 -d"${seconds}s" -s "$repo/bench/search/shapes.lua" "http://127.0.0.1:$after_port" >"$work/wrk-after.txt"
    wait "$load"
    [ "$round" = 0 ] && continue
    b1=$(cpu "$before_pid"); a1=$(cpu "$after_pid")
    python3 - "$seconds" "$work/wrk-before.txt" "$b0" "$b1" "$work/wrk-after.txt" "$a0" "$a1" <<'PY'
import re, sys
seconds = float(sys.argv[1])
def figures(path, t0, t1):
    n = int(re.search(r"(\d+) requests in", open(path).read()).group(1))
    return f"{n / seconds:,.0f} req/s {(float(t1) - float(t0)) / 100 * 1e6 / n:.1f} µs"
print(f"  {figures(*sys.argv[2:5])} | {figures(*sys.argv[5:8])}")
PY
  done
done
