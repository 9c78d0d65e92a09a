#!/usr/bin/env bash
# The category reads straight at the resource service of the AppHost (Release), next to the service's own /alive in the same run:
# GET /api/v1/categories (the tree, ~53 KB) and /api/v1/categories/pharmacie (one node found in the tree); req/s and the CPU the
# resource service spent per request (/proc), wrk -t1 -c16, ROUNDS rounds (default 3) of SECONDS_PER_ROUND seconds (default 8) after 5 s of warm-up.
# Usage: bench/resources/categories.sh [repository, default this one]: give another checkout (a git worktree of an older commit)
# to measure it the same way, one after the other.
# Needs wrk (apt-get install wrk).
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
rounds=${ROUNDS:-3}; seconds=${SECONDS_PER_ROUND:-8}
source "$repo/bench/apphost.sh"
apphost_bench categories 18591 18592
trap 'stop_apphost; rm -rf "$work"' EXIT
(cd "$repo" && dotnet build RomApi.sln -c Release -v q -nologo >/dev/null)
start_apphost
pid=$(resource_pid resourceservice); port=$(resource_port resourceservice)
cpu_seconds() { python3 "$repo/bench/load/cpu.py" "p=$pid" | python3 -c "import json,sys; print(json.load(sys.stdin)['p'])"; }
echo "$(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(git -C "$repo" log --oneline -1)"
for path in /alive /api/v1/categories /api/v1/categories/pharmacie; do
  wrk -t1 -c16 -d5s "http://127.0.0.1:$port$path" >/dev/null
  for round in $(seq 1 "$rounds"); do
    before=$(cpu_seconds)
    out=$(wrk -t1 -c16 -d"${seconds}s" "http://127.0.0.1:$port$path")
    after=$(cpu_seconds)
    requests=$(echo "$out" | awk '/requests in/{print $1}')
    echo "$path round $round: $(echo "$out" | awk '/Requests\/sec/{print $2}') req/s, non-2xx $(echo "$out" | awk '/Non-2xx/{print $NF}' | grep . || echo 0)," \
      "$(python3 -c "print(round(($after - $before) / $requests * 1e6, 1))") µs CPU per request"
  done
done
echo "tree answer: $(curl -s "http://127.0.0.1:$port/api/v1/categories" | wc -c) bytes"
