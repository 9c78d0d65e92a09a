# Sourced by the search benches whose peer is PostgreSQL full-text search on the same rows: a throw-away PostgreSQL (as the
# postgres user, on 127.0.0.1 and a high port, its data under /tmp), stopped by its pid when the bench exits.
# start_throwaway_postgres <name> ["-c setting=value ..."]: sets pgbin, port, pgdata and pgpid.
pgbin="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -1)"

start_throwaway_postgres() {
  port="${PGPORT_BENCH:-$((40000 + RANDOM % 20000))}"
  pgdata="$(mktemp -d "/tmp/romapi-$1-bench-pg.XXXXXX")"
  chown postgres "$pgdata"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w start \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdata ${2:+$2 }-c fsync=off" >/dev/null
  pgpid="$(head -1 "$pgdata/postmaster.pid")"
  trap stop_throwaway_postgres EXIT
}

stop_throwaway_postgres() {
  kill "$pgpid" 2>/dev/null || true
  while kill -0 "$pgpid" 2>/dev/null; do sleep 0.2; done
  rm -rf "$pgdata"
}
