#!/usr/bin/env bash
# Times `dotnet run --project RomApi.AppHost` from a fresh clone to "All resources healthy", cold (first build, empty data folder)
# and warm, and checks that Ctrl+C (SIGINT), SIGTERM and kill -9 leave nothing behind (or, for kill -9, that the next start cleans up).
# Usage: bench/apphost-lifecycle.sh            (run as root or a user who can run PostgreSQL; ports 8080 and 18888 must be free)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/romapi-lifecycle-XXXX)
chmod 755 "$work"
git clone -q "$repo" "$work/romapi"
cd "$work/romapi"
data="$work/data"

children() { pgrep -f "postgres -D $data|redis-server|RomApi\.(Gateway|ResourceService|SearchService|AnalyticsService)\.dll" || true; }

# start LABEL -> starts the AppHost, waits for "All resources healthy", prints the seconds it took
start() {
  local log="$work/$1.log" t0 pid
  t0=$(date +%s.%N)
  dotnet run --project RomApi.AppHost -- --AppHost:DataDirectory="$data" >"$log" 2>&1 &
  for _ in $(seq 1 600); do
    grep -q "All resources healthy" "$log" && break
    grep -q "^error:" "$log" && { cat "$log"; exit 1; }
    sleep 0.2
  done
  echo "$(echo "$(date +%s.%N) - $t0" | bc)"
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
cold=$(start cold); stop_with INT;  printf '| cold (fresh clone: restore, build, initdb) then Ctrl+C (SIGINT) | %.1f | %s |\n' "$cold" "$(children | wc -l)"
warm=$(start warm1); stop_with TERM; printf '| warm then SIGTERM | %.1f | %s |\n' "$warm" "$(children | wc -l)"
warm2=$(start warm2); stop_with KILL; printf '| warm then kill -9 of the AppHost | %.1f | %s (expected: orphans) |\n' "$warm2" "$(children | wc -l)"
again=$(start after-kill); stop_with INT; printf '| start after the kill -9 (cleans up the orphans) then SIGINT | %.1f | %s |\n' "$again" "$(children | wc -l)"
grep -h "left running by an earlier AppHost" "$work/after-kill.log" | sed 's/^/    /' || true
rm -rf "$work"
