#!/usr/bin/env bash
# Fault under load: two resourceservice replicas behind the gateway, 30 s of wrk load on GET /api/v1/categories, one replica
# killed (SIGKILL) at t=8 s and started again by the AppHost. Reports the error rate and, from the gateway's per-destination
# request counter (romapi_gateway_requests_total{destination=...} at /metrics, sampled every second), when the dead replica
# stopped receiving requests and when it received them again.
# Usage: bench/gateway/fault.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
build
big=100000000
start_system 2 "Limits__AnonymousPerMinute=$big" "Limits__GlobalPerSecond=$big"
gateway=$(gateway_url)
management=$(management_url)
victim_pid=$(jq_state "s['resources']['resourceservice'][0]['ProcessId']")
curl -sf "$gateway/api/v1/categories" >/dev/null

count_of() { # DESTINATION -> requests the gateway sent to it so far
  curl -s "$management/metrics" | awk -v d="destination=\"$1\"" 'index($0,"romapi_gateway_requests_total{") == 1 && index($0,d) {s+=$NF} END {print s+0}'
}

wrk -t2 -c8 -d30s --latency "$gateway/api/v1/categories" >"$work/wrk.txt" &
wrk_pid=$!
pids+=($wrk_pid)
start=$(date +%s.%N)
echo "t(s)  resourceservice-0  resourceservice-1   (requests counted by the gateway; replica 0 is killed at t=8)"
killed_at=""
for i in $(seq 0 34); do
  now=$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN {printf "%.1f", n - s}')
  printf '%5.1f  %17s  %17s\n' "$now" "$(count_of resourceservice-0)" "$(count_of resourceservice-1)" | tee -a "$work/timeline.txt"
  if [ "$i" = 8 ]; then kill -9 "$victim_pid"; killed_at=$now; echo "      killed pid $victim_pid" | tee -a "$work/timeline.txt"; fi
  sleep 1
done
wait $wrk_pid || true
echo
cat "$work/wrk.txt"
total=$(awk '/requests in/{print $1}' "$work/wrk.txt")
errors=$(awk '/Non-2xx/{print $NF}' "$work/wrk.txt"); errors=${errors:-0}
# awk, not bc: bc is not on a fresh machine of this kind.
socket=$(awk '/Socket errors/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i} END {print s + 0}' "$work/wrk.txt")
echo "error rate: $(awk -v e="$errors" -v s="$socket" -v t="$total" 'BEGIN {printf "%.4f", 100 * (e + s) / t}')% ($errors non-2xx, $socket socket errors of $total)"
python3 - "$work/timeline.txt" "$killed_at" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.strip().startswith("killed")]
killed = float(sys.argv[2])
rows = [(float(t), int(a), int(b)) for t, a, b in rows]
after = [r for r in rows if r[0] >= killed]
last_growth = max((after[i][0] for i in range(1, len(after)) if after[i][1] > after[i - 1][1]), default=None)
stopped = next((after[i - 1][0] for i in range(1, len(after)) if after[i][1] == after[i - 1][1]), None)
back = next((after[i][0] for i in range(1, len(after)) if stopped and after[i][0] > stopped and after[i][1] > after[i - 1][1]), None)
print(f"dead replica out of rotation: its count stopped growing {stopped - killed:.1f} s after the kill" if stopped is not None else "count never stopped")
print(f"back in rotation {back - killed:.1f} s after the kill (restart + health)" if back else "not back in rotation within the window")
PY
