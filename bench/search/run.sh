#!/usr/bin/env bash
# Search benchmark: Lucene engine of the search service vs PostgreSQL 15 full-text search on the same rows, one run.
# Starts a throw-away PostgreSQL 15 (as the postgres user, 127.0.0.1, a high port, data under /tmp) and stops it by pid.
# Usage: bench/search/run.sh [documents=100000] [queries-per-kind=2000]     (run as root; reads data/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${ROMAPI_SHARED_DATA:-$repo/data}"
pgbin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"
port="${PGPORT_BENCH:-$((40000 + RANDOM % 20000))}"
pgdata="$(mktemp -d /tmp/romapi-search-bench-pg.XXXXXX)"
chown postgres "$pgdata"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata -c shared_buffers=256MB -c fsync=off" -l "$pgdata/log" -w start >/dev/null
pgpid="$(head -1 "$pgdata/postmaster.pid")"
cleanup() { kill "$pgpid" 2>/dev/null || true; while kill -0 "$pgpid" 2>/dev/null; do sleep 0.2; done; rm -rf "$pgdata"; }
trap cleanup EXIT
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%FT%TZ)"
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$port (fsync=off, shared_buffers=256MB)"
dotnet run -c Release --project "$here/SearchBench" -- "$data" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true" "${1:-100000}" "${2:-2000}"
