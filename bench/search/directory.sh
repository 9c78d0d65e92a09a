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
source "$here/throwaway-postgres.sh"
start_throwaway_postgres directory
source "$repo/bench/machine.sh"
describe_machine
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$port"
dotnet build "$here/DirectoryBench" -c Release -v q -nologo >/dev/null
dotnet "$here/DirectoryBench/bin/Release/net10.0/DirectoryBench.dll" "$data" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  ${1:+--examples "$1"}
