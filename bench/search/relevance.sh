#!/usr/bin/env bash
# Relevance benchmark (issue 13): PIAF questions (../shared/data/fr-questions-piaf-dev.jsonl) through the gateway of the whole
# system, next to PostgreSQL full-text search on the same paragraphs, in one run. Starts a throw-away PostgreSQL 15 for the peer
# and the AppHost (Release, throw-away data folder, high ports); both bind to 127.0.0.1 and are stopped by pid at the end.
# Usage: bench/search/relevance.sh            (run as root; env: PIAF=<file>, ENGINE_ONLY=1 to skip the AppHost and run the
#                                               Lucene engine in process, with MSM=<minimum_should_match> to try another
#                                               rule there; GATEWAY_PORT=18591 DASHBOARD_PORT=18592)
# Data: PIAF v1 (Etalab, 2020, MIT), paragraphs from French Wikipedia (CC BY-SA); see ../shared/data/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
piaf="${PIAF:-$(ls "$repo/data/fr-questions-piaf-dev.jsonl" "$repo/../shared/data/fr-questions-piaf-dev.jsonl" 2>/dev/null | head -1 || true)}"
[ -f "$piaf" ] || { echo "fr-questions-piaf-dev.jsonl not found: set PIAF=<file>" >&2; exit 1; }
pgbin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"
port="${PGPORT_BENCH:-$((40000 + RANDOM % 20000))}"
work=$(mktemp -d /tmp/romapi-bench-relevance-XXXX); chmod 755 "$work"
pgdata="$work/pg"; mkdir "$pgdata"; chown postgres "$pgdata"
gateway_port=${GATEWAY_PORT:-18591}; dashboard_port=${DASHBOARD_PORT:-18592}
admin_password="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
source "$repo/bench/apphost.sh"
pgpid=""
cleanup() {
  stop_apphost
  if [ -n "$pgpid" ]; then kill "$pgpid" 2>/dev/null || true; while kill -0 "$pgpid" 2>/dev/null; do sleep 0.2; done; fi
  rm -rf "$work"
}
trap cleanup EXIT
source "$repo/bench/machine.sh"
describe_machine
echo "data: $piaf"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata -c fsync=off" -l "$pgdata/log" -w start >/dev/null
pgpid="$(head -1 "$pgdata/postmaster.pid")"
echo "postgres: $("$pgbin/postgres" --version) on 127.0.0.1:$port"
dotnet build "$here/RelevanceBench" -c Release -v q -nologo >/dev/null
bench=("dotnet" "$here/RelevanceBench/bin/Release/net10.0/RelevanceBench.dll" "$piaf" "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres")
if [ "${ENGINE_ONLY:-0}" = 1 ]; then
  "${bench[@]}"
else
  cd "$repo"
  dotnet build RomApi.AppHost -c Release -v q -nologo >/dev/null
  # The questions are asked anonymously: lift the gateway's per-IP limit for the run (the services inherit the environment).
  Limits__AnonymousPerMinute=100000000 Limits__GlobalPerSecond=100000000 start_apphost
  "${bench[@]}" --gateway "http://127.0.0.1:$gateway_port" --password "$admin_password"
fi
