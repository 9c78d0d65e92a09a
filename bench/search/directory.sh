#!/usr/bin/env bash
# Directory benchmark (issue 21): "<category label> <city>" queries typed folded, for every pair with >= 5 resources in
# data/osm-pois-cm.jsonl; precision@10 of the search service's Lucene engine (in process, over the rows the loader ingests) and of
# PostgreSQL 15 full-text search on the same rows, one run. Starts a throw-away PostgreSQL (postgres user, 127.0.0.1, a high
# port, data under /tmp) and stops it by pid.
# Usage: bench/search/directory.sh ["q1|q2|..." example queries to print with their top 5 and meta]      (run as root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${ROMAPI_SHARED_DATA:-$repo/data}"
pgbin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"
port="${PGPORT_BENCH:-$((40000 + RANDOM % 20000))}"
pgdata="$(mktemp -d /tmp/romapi-directory-bench-pg.XXXXXX)"
chown postgres "$pgdata"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata -c fsync=off" -l "$pgdata/log" -w start >/dev/null
pgpid="$(head -1 "$pgdata/postmaster.pid")"
cleanup() { kill "$pgpid" 2>/dev/null || true; while kill -0 "$pgpid" 2>/dev/null; do sleep 0.2; done; rm -rf "$pgdata"; }
trap cleanup EXIT
echo "date: $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$port"
dotnet build "$here/DirectoryBench" -c Release -v q -nologo >/dev/null
dotnet "$here/DirectoryBench/bin/Release/net10.0/DirectoryBench.dll" "$data" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  ${1:+--examples "$1"}
