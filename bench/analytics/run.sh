#!/usr/bin/env bash
# Analytics benchmarks (issue 6). Starts the whole system from the AppHost on random ports in a throw-away data folder
# (as the tests do), runs the benchmarks, stops everything. Usage:
#   bench/analytics/run.sh [ingest|stats|all] [--seconds 60] [--batch 500] [--clients 8] [--rows 10000000] [--ids true|false] [--id-version 4|7]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ *Model name: *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release bench/analytics/AnalyticsBench -v q -nologo >/dev/null
dotnet run -c Release --no-build --project bench/analytics/AnalyticsBench -- "$@" 2>&1 | grep --line-buffered -v -E '^\s*$| info: '
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
