#!/usr/bin/env bash
# Search service throughput (issue 21): the search service alone, on its own port with a 100,000-resource Lucene index, wrk with
# 20 connections against one word, two words (with facets, as every search), a word no resource holds, an empty q and the
# service's own /alive, in one run; beside it the same queries in process (the service's LuceneSearchIndex, no HTTP) and on
# PostgreSQL 15 full-text search over the same rows (bench/search/ThroughputBench, same concurrency).
# Nothing else runs: no resource service (the change feed is unreachable, so the indexer retries every 2 s), no analytics (SEARCH
# event batches fail and are dropped), no Redis, no OTLP collector (so no traces, as deployed without one).
# Usage: bench/search/throughput.sh [documents=100000]    (run as root: starts PostgreSQL as the postgres user; needs wrk)
#   DURATION (wrk per target, default 10s), ROUNDS (default 2), CONNECTIONS (default 20), PORT (the service's, default random),
#   INDEX_DIR (a folder to build the index in, or to reuse when it already holds the documents; default a throw-away one),
#   PERF=1 records `perf record -g` of the service during the one-word target of the last round (into $PERF_OUT, default /tmp).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${ROMAPI_SHARED_DATA:-$repo/data}"
documents="${1:-100000}"
duration="${DURATION:-10s}"; connections="${CONNECTIONS:-20}"; rounds="${ROUNDS:-2}"
port="${PORT:-$((20000 + RANDOM % 20000))}"; pgport="$((40000 + RANDOM % 20000))"; deadport="$((port + 1))"
pgbin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"
work="$(mktemp -d /tmp/romapi-search-throughput.XXXXXX)"; chmod 755 "$work"
mkdir "$work/pg"; chown postgres "$work/pg"
index="${INDEX_DIR:-$work/index}"

pgpid=""; servicepid=""
cleanup() {
  [ -n "$servicepid" ] && kill "$servicepid" 2>/dev/null && while kill -0 "$servicepid" 2>/dev/null; do sleep 0.2; done
  [ -n "$pgpid" ] && kill "$pgpid" 2>/dev/null && while kill -0 "$pgpid" 2>/dev/null; do sleep 0.2; done
  rm -rf "$work"
}
trap cleanup EXIT

cd "$repo"
dotnet build RomApi.SearchService -c Release -v q -nologo >/dev/null
dotnet build bench/search/ThroughputBench -c Release -v q -nologo >/dev/null
(cd "$work" && runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null)
(cd "$work" && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c shared_buffers=256MB -c fsync=off" -l "$work/pg/log" -w start >/dev/null)
pgpid="$(head -1 "$work/pg/postmaster.pid")"

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%FT%TZ); commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "e476522 (archive)")"
echo "load before: $(uptime | sed 's/.*load average: //')"
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$pgport (fsync=off, shared_buffers=256MB)"
# The service opens <Directory>/<instance id>; without OTEL_RESOURCE_ATTRIBUTES the id is "default".
dotnet bench/search/ThroughputBench/bin/Release/net10.0/ThroughputBench.dll "$data" "$index/default" \
  "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=$connections" "$documents" 5 "$connections"

env ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_TC_CallCountingDelayMs=0 DOTNET_PerfMapEnabled="${PERF:-0}" \
  "ConnectionStrings__search=Engine=Lucene;Directory=$index" \
  "ConnectionStrings__cache=127.0.0.1:$deadport,abortConnect=false" \
  "ConnectionStrings__platform-auth=SigningKey=throughput-bench-local-only-key-0123456789abcdef" \
  "services__resourceservice__http__0=http://127.0.0.1:$deadport" \
  "services__analyticsservice__http__0=http://127.0.0.1:$deadport" \
  dotnet RomApi.SearchService/bin/Release/net10.0/RomApi.SearchService.dll >"$work/service.log" 2>&1 &
servicepid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/alive" >/dev/null && break; sleep 0.3; done
# The Lucene warm-up (LuceneWarmUp.Delay after start) must be over before measuring.
sleep 12
base="http://127.0.0.1:$port"
echo "search service: pid $servicepid on 127.0.0.1:$port; q=pharmacie total $(curl -s "$base/api/v1/search?q=pharmacie&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["total"])')"
echo
# JIT tiering first: every target for a few seconds, so round 1 measures compiled code.
for path in /alive "/api/v1/search?q=pharmacie" "/api/v1/search?q=hotel%20douala" "/api/v1/search?q=xyzzy" "/api/v1/search?q="; do
  wrk -t2 -c"$connections" -d4s "$base$path" >/dev/null
done
echo "wrk -t2 -c$connections -d$duration --latency (each target warmed 2 s first); CPU ms/req: the service's user+system CPU over the run / requests"
printf '| round | target | req/s | p50 | p99 | x /alive | CPU ms/req | errors |\n|---|---|---|---|---|---|---|---|\n'
cpu_ticks() { awk '{print $14 + $15}' "/proc/$servicepid/stat"; }
run() { # round label path
  local out rps p50 p99 errors before after requests
  wrk -t2 -c"$connections" -d2s "$base$3" >/dev/null
  before=$(cpu_ticks)
  if [ "${PERF:-0}" = 1 ] && [ "$1" = "$rounds" ] && [ "$2" = "q=pharmacie" ]; then
    perf record -F 499 -g -p "$servicepid" -o "${PERF_OUT:-/tmp}/search-throughput.perf.data" -- sleep 8 >/dev/null 2>&1 &
    local perfpid=$!
  fi
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$base$3")
  after=$(cpu_ticks)
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  [ -n "${perfpid:-}" ] && wait "$perfpid" && cp "/tmp/perf-$servicepid.map" "${PERF_OUT:-/tmp}/" 2>/dev/null || true
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr "\n" " " || true)
  [ "$2" = "/alive" ] && alive=$rps
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "$(python3 -c "print(f'{$rps / $alive:.2f}')")" \
    "$(python3 -c "print(f'{($after - $before) * 1000 / $(getconf CLK_TCK) / $requests:.3f}')")" "${errors:-none}"
}
for round in $(seq 1 "$rounds"); do
  run "$round" "/alive" "/alive"
  run "$round" "q=pharmacie" "/api/v1/search?q=pharmacie"
  run "$round" "q=hotel douala (two words, facets)" "/api/v1/search?q=hotel%20douala"
  run "$round" "q=xyzzy (no match)" "/api/v1/search?q=xyzzy"
  run "$round" "q= (empty: everything, facets)" "/api/v1/search?q="
done
echo "load after: $(uptime | sed 's/.*load average: //')"
grep -E "fail|warn|error" -i "$work/service.log" | grep -v -E "resourceservice|analytics|Change feed|change feed|SEARCH events|127.0.0.1:$deadport" | head -5 || true
