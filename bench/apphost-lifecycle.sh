#!/usr/bin/env bash
# Times `dotnet run --project RomApi.AppHost` from a fresh clone to "All resources healthy", cold (first build, empty data folder)
# and warm, and checks that Ctrl+C (SIGINT), SIGTERM and kill -9 leave nothing behind (or, for kill -9, that the next start cleans up).
# Usage: bench/apphost-lifecycle.sh            (run as root or a user who can run PostgreSQL; ports 8080 and 18888 must be free)
#        NO_REDIS_SERVER=1 bench/apphost-lifecycle.sh   hides redis-server from PATH, as on a fresh machine (the cache is Garnet)
set -euo pipefail
# Job control on: without it bash starts background jobs with SIGINT ignored, and Ctrl+C could not be simulated.
set -m
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/romapi-lifecycle-XXXX)
chmod 755 "$work"
git clone -q "$repo" "$work/romapi"
cd "$work/romapi"
data="$work/data"
if [ "${NO_REDIS_SERVER:-}" = 1 ]; then
  # A PATH like this one but without redis-server: /usr/bin is replaced by a folder of links to everything else in it.
  mkdir -p "$work/bin"
  for f in /usr/bin/*; do case "$(basename "$f")" in redis-*) ;; *) ln -s "$f" "$work/bin/" ;; esac; done
  # /bin and /sbin are links to /usr on Debian: they go too.
  export PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxE '/bin|/sbin|/usr/sbin' | sed "s#^/usr/bin\$#$work/bin#" | paste -sd:)
  command -v redis-server >/dev/null && { echo "redis-server is still on PATH" >&2; exit 1; }
fi
# DCP (Aspire's orchestrator) processes that were running before this run, so that only new ones count as left behind.
dcp_before=$(pgrep -f "aspire.hosting.orchestration.*/dcp" | sort | tr '\n' ' ' || true)

# Processes of this run only (other ROMAPI systems may run on the machine): matched by command line or working folder.
children() {
  for pid in $(pgrep -f "postgres|redis-server|RomApi\." || true); do
    { tr '\0' ' ' <"/proc/$pid/cmdline"; readlink "/proc/$pid/cwd"; } 2>/dev/null | grep -q "$work" && echo "$pid"
  done
  for pid in $(pgrep -f "aspire.hosting.orchestration.*/dcp" || true); do
    case " $dcp_before " in *" $pid "*) ;; *) echo "$pid" ;; esac
  done
}

# start LABEL: starts the AppHost, waits for "All resources healthy", sets SECONDS_TO_HEALTHY
start() {
  local log="$work/$1.log" t0
  t0=$(date +%s.%N)
  dotnet run --project RomApi.AppHost -- --AppHost:DataDirectory="$data" </dev/null >"$log" 2>&1 &
  for _ in $(seq 1 1500); do
    grep -q "All resources healthy" "$log" && break
    grep -q "^error:" "$log" && { cat "$log"; exit 1; }
    sleep 0.2
  done
  SECONDS_TO_HEALTHY=$(awk -v s="$t0" -v n="$(date +%s.%N)" 'BEGIN {printf "%.1f", n - s}')
}
apphost_pid() { pgrep -f "RomApi.AppHost/bin/.*/RomApi.AppHost --AppHost:DataDirectory=$data" | head -n 1; }
stop_with() {
  local signal=$1 pid
  pid=$(apphost_pid)
  kill "-$signal" "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sleep 0.5
}

printf '| run | seconds to all healthy | after stop: processes left |\n|---|---|---|\n'
start cold;       stop_with INT;  printf '| cold (fresh clone: restore, build, initdb) then Ctrl+C (SIGINT) | %.1f | %s |\n' "$SECONDS_TO_HEALTHY" "$(children | wc -l)"
start warm1;      stop_with TERM; printf '| warm then SIGTERM | %.1f | %s |\n' "$SECONDS_TO_HEALTHY" "$(children | wc -l)"
start warm2;      stop_with KILL; printf '| warm then kill -9 of the AppHost | %.1f | %s right after |\n' "$SECONDS_TO_HEALTHY" "$(children | wc -l)"
sleep 10
printf '| 10 s after the kill -9 (DCP watches the AppHost and stops what it started) | | %s |\n' "$(children | wc -l)"
start after-kill; stop_with INT;  printf '| start after the kill -9, then SIGINT | %.1f | %s |\n' "$SECONDS_TO_HEALTHY" "$(children | wc -l)"
grep -h "All resources healthy" "$work"/*.log | sed 's/^/    /' || true
grep -h "cache-.*Running" "$work/cold.log" | head -1 | sed 's/^/    cache: /' || true
rm -rf "$work"
