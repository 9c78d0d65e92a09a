#!/usr/bin/env bash
# Times `dotnet run --project RomApi.AppHost` from a fresh clone to "All resources healthy", cold (first build, empty data folder)
# and warm, and checks that Ctrl+C (SIGINT), SIGTERM and kill -9 leave nothing behind (or, for kill -9, that the next start cleans up).
# Then three warm starts with Aspire's own project launch (`dotnet run --no-build` per project, AppHost:ProjectsFromBuildOutput=false), each
# followed by one of ours: the ratio of each pair is the figure to compare.
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

# start LABEL [AppHost args...]: starts the AppHost, waits for "All resources healthy", sets SECONDS_TO_HEALTHY
start() {
  local log="$work/$1.log" t0
  t0=$(date +%s.%N)
  dotnet run --project RomApi.AppHost -- --AppHost:DataDirectory="$data" "${@:2}" </dev/null >"$log" 2>&1 &
  for _ in $(seq 1 1500); do
    grep -qs "All resources healthy" "$log" && break
    grep -q "^error:" "$log" && { cat "$log"; exit 1; }
    sleep 0.2
  done
  SECONDS_TO_HEALTHY=$(awk -v s="$t0" -v n="$(date +%s.%N)" 'BEGIN {printf "%.1f", n - s}')
}
apphost_pid() { pgrep -f "RomApi.AppHost/bin/.*/RomApi.AppHost --AppHost:DataDirectory=$data" | head -n 1; }
# stop_with SIGNAL: signals the AppHost, waits for it to exit, then up to 60 s for DCP to stop what it started (DCP watches the
# AppHost and cleans up after it exits). Sets LEFT (processes still there at the end) and CLEAN_SECONDS (signal to none left).
stop_with() {
  local signal=$1 pid t0
  pid=$(apphost_pid)
  t0=$(date +%s.%N)
  kill "-$signal" "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  for _ in $(seq 1 600); do [ "$(children | wc -l)" = 0 ] && break; sleep 0.1; done
  LEFT=$(children | wc -l)
  CLEAN_SECONDS=$(awk -v s="$t0" -v n="$(date +%s.%N)" 'BEGIN {printf "%.1f", n - s}')
}

printf '| run | seconds to all healthy | stop: seconds until no process left | processes left after 60 s |\n|---|---|---|---|\n'
row() { printf '| %s | %s | %s | %s |\n' "$1" "$SECONDS_TO_HEALTHY" "$CLEAN_SECONDS" "$LEFT"; }
start cold;       stop_with INT;  row "cold (fresh clone: restore, build, initdb) then Ctrl+C (SIGINT)"
start warm1;      stop_with TERM; row "warm then SIGTERM"
start warm2;      stop_with KILL; row "warm then kill -9 of the AppHost"
start after-kill; stop_with INT;  row "start after the kill -9, then SIGINT"
# The peer, in turn with ours: Aspire's own project launch, each service through `dotnet run --no-build`.
ratios=()
for i in 1 2 3; do
  start "peer$i" --AppHost:ProjectsFromBuildOutput=false; stop_with TERM; row "peer: warm, Aspire's own launch (\`dotnet run --no-build\` per project)"
  peer=$SECONDS_TO_HEALTHY
  start "ours$i"; stop_with TERM; row "warm, projects from their build output"
  ratios+=("$(awk -v a="$SECONDS_TO_HEALTHY" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')")
done
echo "warm start, ours / peer, pair by pair: ${ratios[*]}"
grep -h "All resources healthy" "$work"/*.log | sed 's/^/    /' || true
grep -h "cache-.*Running" "$work/cold.log" | head -1 | sed 's/^/    cache: /' || true
rm -rf "$work"
