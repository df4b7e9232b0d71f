#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests that need one, and print the URL.
# Prints nothing (and the PostgreSQL tests skip) when no server can be started here.
set -u
PORT="${READINESS_PG_PORT:-55432}"
DATA="$(mktemp -d /tmp/readiness-pg.XXXXXX)"
if ! command -v pg_ctl >/dev/null 2>&1; then
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && PATH="$dir:$PATH"; done
fi
if ! command -v pg_ctl >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 || true)
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && PATH="$dir:$PATH"; done
fi
command -v pg_ctl >/dev/null 2>&1 || exit 0
RUN=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || exit 0
  chown postgres "$DATA"
  RUN=(runuser -u postgres --)
fi
"${RUN[@]}" env PATH="$PATH" initdb -D "$DATA" -A trust -U postgres >/dev/null 2>&1 || exit 0
# The first free port from $PORT on (another server may hold it).
started=""
for try in 0 1 2 3 4 5 6 7; do
  if "${RUN[@]}" env PATH="$PATH" pg_ctl -D "$DATA" -o "-p $((PORT + try)) -k /tmp -c listen_addresses=127.0.0.1" \
      -l "$DATA/log" -w start >/dev/null 2>&1; then
    PORT=$((PORT + try)); started=yes; break
  fi
done
[ -n "$started" ] || exit 0
"${RUN[@]}" env PATH="$PATH" createdb -h 127.0.0.1 -p "$PORT" -U postgres readiness >/dev/null 2>&1 || exit 0
echo "postgresql://postgres@127.0.0.1:$PORT/readiness"
