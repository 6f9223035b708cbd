#!/bin/sh
# PostgreSQL on its Unix socket only, then FerretDB on 0.0.0.0:27017 as PID 1's child: a SIGTERM to
# the container stops FerretDB, then PostgreSQL (fast shutdown).
set -eu
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=/var/lib/ferretdb-pg/data
if [ ! -s "$DATA/PG_VERSION" ]; then
  "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >/dev/null
fi
"$PGBIN/pg_ctl" -D "$DATA" -o "-c listen_addresses= -c unix_socket_directories=/run/postgresql -c fsync=off" -w start >/dev/null
"$PGBIN/createdb" -h /run/postgresql ferretdb 2>/dev/null || true
stop() {
  [ -n "${FERRETDB_PID:-}" ] && kill -TERM "$FERRETDB_PID" 2>/dev/null && wait "$FERRETDB_PID" || true
  "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  exit 0
}
trap stop TERM INT
/usr/local/bin/conveyor-ferretdb -listen 0.0.0.0:27017 -log-level "${FERRETDB_LOG_LEVEL:-warn}" \
  -postgresql-url "postgres://postgres@/ferretdb?host=/run/postgresql" &
FERRETDB_PID=$!
wait "$FERRETDB_PID"
