#!/usr/bin/env bash
# Search benchmark: Lucene engine of the search service vs PostgreSQL 15 full-text search on the same rows, one run.
# Starts a throw-away PostgreSQL 15 (as the postgres user, 127.0.0.1, a high port, data under /tmp) and stops it by pid.
# Usage: bench/search/run.sh [documents=100000] [queries-per-kind=2000]     (run as root; reads data/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${ROMAPI_SHARED_DATA:-$repo/data}"
source "$here/throwaway-postgres.sh"
start_throwaway_postgres search "-c shared_buffers=256MB"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%FT%TZ)"
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$port (fsync=off, shared_buffers=256MB)"
dotnet run -c Release --project "$here/SearchBench" -- "$data" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true" "${1:-100000}" "${2:-2000}"
