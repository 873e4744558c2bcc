#!/usr/bin/env bash
# A throwaway PostgreSQL for the database tests, in a private temporary folder: its own data,
# its own unix socket folder and port (no TCP listener), fsync off, gone after `stop`.
#
#   eval "$(bash scripts/test-postgres.sh start)"   # exports CROSSCHECK_TEST_DB and CROSSCHECK_PG_DIR
#   npm test
#   bash scripts/test-postgres.sh stop               # stops the server and removes the folder
#
# When initdb is missing and we are root, Debian's postgresql package is installed with apt.
# PostgreSQL refuses to run as root: as root, the server runs as the system user `postgres`
# (created when missing). Messages go to stderr; stdout carries only the export lines.
set -euo pipefail

say() { printf 'test-postgres: %s\n' "$*" >&2; }

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    printf '%s\n' "$newest"
    return 0
  fi
  return 1
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

start() {
  local bin
  if ! bin=$(find_bin); then
    [ "$(id -u)" -eq 0 ] || { say "initdb not found; install PostgreSQL (Debian: apt-get install postgresql)"; exit 1; }
    say "initdb not found: installing Debian's postgresql package"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bin=$(find_bin) || { say "initdb still not found after installing postgresql"; exit 1; }
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  fi
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-pg.XXXXXX")
  # Remove the folder if starting fails half-way.
  trap 'as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' ERR
  mkdir -p "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  chmod 700 "$dir" "$dir/socket"
  # The port only names the socket file inside the private folder; no TCP port is opened.
  port=$((50000 + RANDOM % 10000))
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; false; }
  # One role must give a password, so tests can check a refused password is never printed.
  { printf 'local all crosscheck_password_test scram-sha-256\n'; cat "$dir/data/pg_hba.conf"; } >"$dir/hba" &&
    cat "$dir/hba" >"$dir/data/pg_hba.conf" && rm "$dir/hba"
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir/socket -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2 ||
    { cat "$dir/server.log" >&2; false; }
  trap - ERR
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $dir"
  printf "export CROSSCHECK_PG_DIR='%s'\n" "$dir"
  printf "export CROSSCHECK_PG_BIN='%s'\n" "$bin"
  printf "export CROSSCHECK_TEST_DB='postgresql://postgres@/postgres?host=%s&port=%s'\n" "$dir/socket" "$port"
}

stop() {
  local dir=${CROSSCHECK_PG_DIR:-}
  [ -n "$dir" ] || { say "CROSSCHECK_PG_DIR is not set: nothing to stop"; return 0; }
  case "$dir" in */crosscheck-pg.*) ;; *) say "CROSSCHECK_PG_DIR=$dir is not a folder this script made"; exit 1 ;; esac
  local bin=${CROSSCHECK_PG_BIN:-}
  [ -n "$bin" ] || bin=$(find_bin) || true
  if [ -d "$dir/data" ] && [ -n "$bin" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) say "usage: test-postgres.sh start|stop"; exit 2 ;;
esac
