#!/usr/bin/env bash
# Mixed read load through the whole system, as an operator would run it: the AppHost (Release) on a throw-away data folder, the
# repository's data loaded with the loader, USERS users each with an API key (all on the FREE plan, whose limits and quota the run
# sets through the AppHost's documented "Gateway" settings, docs/LOAD-TESTING.md), then wrk with CONNECTIONS connections for
# SECONDS seconds: 50 % GET by id, 15 % lists, 35 % search drawn from 3,000 distinct queries (queries-cm.txt), each request with
# one user's key. Prints p50/p95/p99, req/s, errors, and the CPU seconds each process spent during the measured run (/proc).
# Usage: bench/load/run.sh [connections=100] [seconds=60] [users=100]
# Environment: PER_MINUTE (the FREE plan's per-minute limit for the run, default 1000000), QUOTA (its monthly quota, default
# 1000000000), TRACE_SAMPLE (share of requests traced to the dashboard, default 0.01), MIXED_QUERIES (another query file),
# WARMUP (seconds of the same load before measuring, default 60), GATEWAY_PORT/DASHBOARD_PORT (default 18581/18582), KEEP=1 (leave the data folder), PROFILE=1 (perf samples the gateway, the
# resource and the search service during the run and prints each one's top functions; needs perf, and sets
# DOTNET_PerfMapEnabled=1 in the AppHost's environment, which its services inherit, so that perf can name JIT-compiled code).
# Needs wrk, jq and curl: missing ones are installed with apt-get when run as root, else the script says what to install.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/load"
connections=${1:-100}; seconds=${2:-60}; users=${3:-100}
per_minute=${PER_MINUTE:-1000000}; quota=${QUOTA:-1000000000}
queries=${MIXED_QUERIES:-$here/queries-cm.txt}
gateway_port=${GATEWAY_PORT:-18581}; dashboard_port=${DASHBOARD_PORT:-18582}
work=$(mktemp -d /tmp/romapi-load-XXXX); chmod 755 "$work"
admin_password="load-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

missing=()
for tool in wrk jq curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null
  else
    echo "Install ${missing[*]} first: sudo apt-get install -y ${missing[*]}" >&2; exit 1
  fi
fi

cd "$repo"
dotnet build RomApi.sln -c Release -v q -nologo >/dev/null
source "$repo/bench/apphost.sh"
trap '[ "${KEEP:-}" = 1 ] || rm -rf "$work" & stop_apphost' EXIT
# W^X off too: with it, JIT-compiled code lives in a memfd mapping perf cannot match with the perf map.
[ "${PROFILE:-}" = 1 ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
start_apphost --Gateway:Limits:PerMinuteByPlan:FREE="$per_minute" --Gateway:Identity:MonthlyQuotaByPlan:FREE="$quota" \
  --AppHost:TraceSampleRatio="${TRACE_SAMPLE:-0.01}"
gw="http://127.0.0.1:$gateway_port"

dotnet tools/RomApi.Loader/bin/Release/net10.0/RomApi.Loader.dll --gateway "$gw" --password "$admin_password" --data data \
  >"$work/loader.log" 2>&1 || { tail -5 "$work/loader.log"; exit 1; }
echo "loaded: $(grep '^Imported' "$work/loader.log" | tail -1)"

# Users, each with a key that may use the whole plan limit (a key's hourly limit is at most 60x its owner's per-minute one).
: >"$work/keys.txt"
for i in $(seq 1 "$users"); do
  token=$(curl -sf -X POST "$gw/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"load-$i-$RANDOM@example.com\",\"password\":\"load test password $i\",\"name\":\"load $i\"}" | jq -r .data.accessToken)
  curl -sf -X POST "$gw/api/v1/api-keys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"load\",\"permissions\":[\"resources:read\",\"search:read\"],\"rateLimit\":$((per_minute * 60))}" |
    jq -r .data.key >>"$work/keys.txt"
done
[ "$(grep -c . "$work/keys.txt")" = "$users" ] || { echo "could not create $users users with keys" >&2; exit 1; }
for offset in 0 100 200 300 400; do
  curl -sf "$gw/api/v1/api-resources?limit=100&offset=$offset" -H "X-API-Key: $(head -1 "$work/keys.txt")" | jq -r '.data[].id'
done >"$work/ids.txt"

export MIXED_KEYS="$work/keys.txt" MIXED_IDS="$work/ids.txt" MIXED_QUERIES="$queries"
# Warm-up: on a loaded machine the services were still JIT-compiling after 70 s (a fifth to a third of their CPU samples).
wrk -t2 -c"$connections" -d"${WARMUP:-60}s" -s "$here/mixed-load.lua" "$gw" >/dev/null

# pids: each service's, PostgreSQL's postmaster (its backends are its children), the cache's, the AppHost's (DCP and the dashboard).
procs=()
for name in gateway resourceservice searchservice analyticsservice postgres cache; do procs+=("$name=$(resource_pid "$name")"); done
procs+=("apphost=$apphost")
"$here/cpu.py" "${procs[@]}" >"$work/cpu-before.json"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
profilers=()
if [ "${PROFILE:-}" = 1 ]; then
  for name in gateway resourceservice searchservice; do
    perf record -F 499 -g -o "$work/perf-$name.data" -p "$(resource_pid "$name")" -- sleep "$seconds" >/dev/null 2>&1 &
    profilers+=($!)
  done
fi
wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s -s "$here/mixed-load.lua" "$gw" >"$work/wrk.txt"
for pid in "${profilers[@]}"; do wait "$pid" || true; done
"$here/cpu.py" "${procs[@]}" >"$work/cpu-after.json"

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(date -u +%FT%TZ)"
echo "load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c$connections -d${seconds}s, $users users with keys, $(grep -c . "$queries") distinct queries, trace sample ${TRACE_SAMPLE:-0.01}"
grep -E "MIXED|STATUSES" "$work/wrk.txt"
python3 - "$work/cpu-before.json" "$work/cpu-after.json" "$seconds" <<'PY'
import json, sys
before, after, seconds = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
spent = {k: after[k] - before[k] for k in after if after[k] is not None and before[k] is not None}
services = [k for k in spent if k not in ("apphost", "machine")]
rows = [(k, spent[k]) for k in services]
rows.append(("AppHost (with its children: dashboard)", spent["apphost"]))
rows.append(("everything else on the machine (wrk, DCP, other users)", spent["machine"] - sum(v for _, v in rows)))
print("| process | CPU seconds | CPU share of the run's wall time |\n|---|---|---|")
for name, value in rows:
    print(f"| {name} | {value:.1f} | {value / seconds:.2f} cores |")
print(f"| machine, all processes | {spent['machine']:.1f} | {spent['machine'] / seconds:.2f} cores |")
PY
if [ "${PROFILE:-}" = 1 ]; then
  for name in gateway resourceservice searchservice; do
    echo "## $name: top functions by samples (self)"
    # head stops reading early: perf report's broken pipe must not end the script (pipefail) before the other services.
    perf report -i "$work/perf-$name.data" --no-children --sort symbol --stdio 2>"$work/perf-$name.err" |
      grep -E '^ +[0-9.]+%' | head -25 >"$work/perf-$name.top" || true
    if [ -s "$work/perf-$name.top" ]; then
      cat "$work/perf-$name.top"
    else
      # Seen once in two runs: say so, with what perf said, rather than print an empty section.
      echo "(no samples reported for $name: data $(stat -c %s "$work/perf-$name.data" 2>/dev/null || echo missing) bytes; perf: $(grep -v '^$' "$work/perf-$name.err" | head -2 | tr '\n' ' '))"
    fi
  done
fi
