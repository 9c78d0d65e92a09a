# Sourced by the benchmarks that run the whole system. start_apphost starts the AppHost (Release build) on a throw-away data
# folder and high ports, and returns once every resource is healthy; the caller's environment (rate limits lifted, a trace
# sampler) reaches every service. The binary reads no appsettings.json outside its project folder, so the admin's e-mail
# (a parameter Aspire would otherwise wait for, asking in the dashboard) is given here. The services run with the deployments'
# JIT setting (AppHost:EarlyTiering, RomApi.AppHost/RuntimeTuning.cs), as deployed; EARLY_TIERING=false gives a local start's.
# Needs work, gateway_port, dashboard_port, admin_password (apphost_bench sets them); sets apphost (its pid).
# stop_apphost stops it, and with it every service it started: call it from the caller's EXIT trap.
apphost=""

apphost_bench() {  # <bench name> <default gateway port> <default dashboard port>: a throw-away work folder, ports, admin password
  work=$(mktemp -d "/tmp/romapi-bench-$1-XXXX"); chmod 755 "$work"
  gateway_port=${GATEWAY_PORT:-$2}; dashboard_port=${DASHBOARD_PORT:-$3}
  admin_password="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
}

start_apphost() {  # [more AppHost arguments...]
  "$repo/RomApi.AppHost/bin/Release/net10.0/RomApi.AppHost" --AppHost:DataDirectory="$work/data" --AppHost:GatewayPort="$gateway_port" \
    --AppHost:DashboardPort="$dashboard_port" --Parameters:admin-password="$admin_password" \
    --Parameters:admin-email=admin@romapi.local --AppHost:EarlyTiering="${EARLY_TIERING:-true}" "$@" >"$work/apphost.log" 2>&1 &
  apphost=$!
  for _ in $(seq 1 300); do grep -q "All resources healthy" "$work/apphost.log" && return 0; sleep 1; done
  tail -20 "$work/apphost.log" >&2
  return 1
}

# resource_line NAME -> the AppHost's last state line of resource NAME's first replica ("...: Running, Healthy; pid N; URL")
resource_line() { grep -E "^ +\+[0-9.]+ s $1-[a-z0-9]+: Running" "$work/apphost.log" | tail -1; }
# resource_pid NAME -> the pid Aspire reports (run mode starts a project from its build output: the service itself)
resource_pid() { resource_line "$1" | sed -nE 's/.*; pid ([0-9]+).*/\1/p'; }
resource_port() { resource_line "$1" | sed -nE 's/.*:([0-9]+)\/?$/\1/p'; }

stop_apphost() {
  [ -n "$apphost" ] || return 0
  kill -TERM "$apphost" 2>/dev/null || true
  wait "$apphost" 2>/dev/null || true
}
