#!/usr/bin/env bash
# setup.sh — set up Anvisa on a Debian 12 machine, then run it or test it.
#
#   ./setup.sh run [ANVISA OPTIONS…]   install what is missing, build, start Anvisa
#   ./setup.sh test                    install what is missing, build, run every test
#
# "test" runs the tests five ways: in the ordinary build; the tests of
# suite "server" again in that build on a throwaway PostgreSQL cluster;
# every test again in an AddressSanitizer + UndefinedBehaviorSanitizer
# build (_build-asan); every core test under valgrind; and each libFuzzer
# harness for a bounded time in a clang build (_build-fuzz). The last line
# adds them all up. With test names (./setup.sh test personnummer) only the
# ordinary build runs them, on SQLite files.
#
# Both are safe to repeat: packages already there are not reinstalled and
# an unchanged build is not rebuilt. Run as root, or as a user who may sudo.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
BUILD_DIR=${ANVISA_BUILD_DIR:-_build}
ASAN_DIR=${BUILD_DIR}-asan
FUZZ_DIR=${BUILD_DIR}-fuzz
# Test cases left out under valgrind for their time there: most of those
# on the demo year (/demo/services and /demo/summary read its 84,500
# referrals one by one, /demo/deterministic loads it twice). The year
# loads once there for /demo/volumes, /demo/periods and /demo/audit, some
# two minutes. ANVISA_VALGRIND_ALL=1 runs them all.
VALGRIND_SKIP=(
  -s /demo/april-story -s /demo/krom-by-june -s /demo/services -s /demo/summary
  -s /demo/deterministic -s /demo/refuses-data
)

PACKAGES=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-3-dev libsqlite3-dev libcsv-dev libjson-glib-dev
  libpq-dev libsecret-1-dev
  desktop-file-utils appstream xvfb sqlite3 python3
  clang libclang-rt-14-dev valgrind
)
# For "test" only: LibreOffice Calc opens an export in tests/test-spreadsheet.c
# (about 50 s to install; "run" does without it); the PostgreSQL server
# (pg_trgm comes with it) for the run on a throwaway cluster, and pgaudit,
# with which the server logs a direct read of personal data (README.md,
# "Who read what"). "run" builds with libpq but never starts a server.
TEST_PACKAGES=(
  libreoffice-calc-nogui
  postgresql-15 postgresql-common postgresql-15-pgaudit
)
PG_BIN=/usr/lib/postgresql/15/bin
PG_LIB=/usr/lib/postgresql/15/lib

# Messages in Swedish when the session is Swedish, else in English.
say () {
  case "${LANGUAGE:-${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}}" in
    sv*) printf '%s\n' "$2" ;;
    *) printf '%s\n' "$1" ;;
  esac
}

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "Installing packages needs root: run this as root, or install sudo." \
        "Att installera paket kräver root: kör som root, eller installera sudo." >&2
    exit 1
  fi
}

install_missing () {
  local missing=()
  for pkg in "${PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  # The tests start a throwaway cluster of their own and stop it; a server
  # installed only for them must not leave Debian's cluster "main"
  # running on port 5432 besides. Only when this run installs the server:
  # a machine that has one keeps it as it is.
  if [[ " ${missing[*]} " == *" postgresql-15 "* ]] && [ ! -d /etc/postgresql/15 ]; then
    as_root mkdir -p /etc/postgresql-common/createcluster.d
    as_root sh -c 'echo "create_main_cluster = false" \
      > /etc/postgresql-common/createcluster.d/anvisa-tests.conf'
  fi

  say "Installing: ${missing[*]}" "Installerar: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
}

build () {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" --buildtype=debugoptimized >/dev/null
  fi
  meson compile -C "$BUILD_DIR" >/dev/null
}

# The same sources with AddressSanitizer and UndefinedBehaviorSanitizer.
build_asan () {
  if [ ! -f "$ASAN_DIR/build.ninja" ]; then
    meson setup "$ASAN_DIR" --buildtype=debugoptimized \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  meson compile -C "$ASAN_DIR" >/dev/null
}

# The core and the libFuzzer harnesses, with clang.
build_fuzz () {
  if [ ! -f "$FUZZ_DIR/build.ninja" ]; then
    CC=clang meson setup "$FUZZ_DIR" --buildtype=debugoptimized -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  meson compile -C "$FUZZ_DIR" >/dev/null
}

run_app () {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "There is no display here, so the Anvisa window cannot open.
Anvisa is built; use the command-line tool instead, for example:
  $BUILD_DIR/src/cli/anvisa-cli init
  $BUILD_DIR/src/cli/anvisa-cli seeker search Andersson
  $BUILD_DIR/src/cli/anvisa-cli --help" \
        "Det finns ingen skärm här, så Anvisas fönster kan inte öppnas.
Anvisa är byggt; använd kommandoradsverktyget i stället, till exempel:
  $BUILD_DIR/src/cli/anvisa-cli init
  $BUILD_DIR/src/cli/anvisa-cli seeker search Andersson
  $BUILD_DIR/src/cli/anvisa-cli --help" >&2
    exit 1
  fi
  export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD_DIR/data"
  export ANVISA_LOCALEDIR="$PWD/$BUILD_DIR/po"
  exec "$BUILD_DIR/src/anvisa" "$@"
}

# The throwaway PostgreSQL cluster of the "server" run. It lives in a new
# folder under $TMPDIR (/tmp for root), mode 0700: data, log and socket.
# It listens on no network address, only on a Unix socket in that folder,
# so "trust" lets in no one but the folder's owner and root. initdb refuses
# root: as root the cluster belongs to the system user "postgres" of
# Debian's package, else to the user who runs this. The tests log in as
# "tester" with CREATEDB and CREATEROLE (not a superuser); SERVER_CONNINFO is
# that maintenance connection. It is set up as README.md asks of an office's
# server: pgaudit logs direct reads of the personal tables with the login
# (SERVER_LOG is the log, for tests/test-logins.c), and a login of the group
# anvisa_password must give its SCRAM password even on the socket, where
# every other login is trusted. server_stop stops the server and removes
# the folder; server_traps makes every way out call it. To try them alone:
#   bash -c 'source ./setup.sh; server_traps; server_start; psql "$SERVER_CONNINFO"'
SERVER_DIR=
SERVER_CONNINFO=
SERVER_LOG=

server_as_owner () {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

server_start () {
  local user port base=${TMPDIR:-/tmp}
  user=$(id -un)
  # As root the folder must be one that "postgres" can reach
  if [ "$(id -u)" -eq 0 ]; then
    base=/tmp
  fi
  SERVER_DIR=$(mktemp -d "$base/anvisa-pg-XXXXXX") || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$SERVER_DIR" || return 1
  fi
  # Nothing listens on TCP: the port only names the socket file. Still one
  # that is free, so that no other server on this machine has the number.
  port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || return 1
  server_as_owner "$PG_BIN/initdb" -D "$SERVER_DIR/data" -U postgres -E UTF8 -N \
    --locale=C.UTF-8 -A trust >"$SERVER_DIR/initdb.log" 2>&1 || {
    say "initdb failed:" "initdb misslyckades:" >&2
    cat "$SERVER_DIR/initdb.log" >&2
    return 1
  }
  # fsync off (and initdb -N): nothing here outlives the run, and after a stop -m
  # immediate the kernel still has every write.
  server_as_owner tee -a "$SERVER_DIR/data/postgresql.conf" >/dev/null <<EOF || return 1
listen_addresses = ''
unix_socket_directories = '$SERVER_DIR'
unix_socket_permissions = 0700
port = $port
fsync = off
autovacuum = off
log_line_prefix = '%m [%p] %q%u@%d '
password_encryption = 'scram-sha-256'
EOF
  # Object audit: every statement that reads a table granted to
  # anvisa_auditor (server init grants it the personal tables) is logged.
  if [ -f "$PG_LIB/pgaudit.so" ]; then
    server_as_owner tee -a "$SERVER_DIR/data/postgresql.conf" >/dev/null <<EOF || return 1
shared_preload_libraries = 'pgaudit'
pgaudit.role = 'anvisa_auditor'
EOF
  else
    say "pgaudit is not installed (postgresql-15-pgaudit): the test of the server's
read log skips." "pgaudit är inte installerat (postgresql-15-pgaudit): testet av
serverns läslogg hoppas över." >&2
  fi
  # Before initdb's "trust" for all: the group anvisa_password logs in with
  # its password.
  server_as_owner sh -c "{ echo 'local all +anvisa_password scram-sha-256'; \
    cat '$SERVER_DIR/data/pg_hba.conf'; } > '$SERVER_DIR/data/pg_hba.new' \
    && mv '$SERVER_DIR/data/pg_hba.new' '$SERVER_DIR/data/pg_hba.conf'" || return 1
  server_as_owner "$PG_BIN/pg_ctl" -D "$SERVER_DIR/data" -l "$SERVER_DIR/server.log" -w -s \
    start || {
    say "The PostgreSQL server did not start:" "PostgreSQL-servern startade inte:" >&2
    cat "$SERVER_DIR/server.log" >&2
    return 1
  }
  # The tests log in as "tester", the name they give Anvisa as the one who
  # writes: on a server the audit log names the login.
  # It may create roles, as the login an office's IT runs server init and
  # user add with (README.md, "Roles on a server"): tests/test-roles.c
  # makes a login of each role. And an officer's login as an office
  # granted it before the roles: a member of anvisa_officers.
  server_as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SERVER_DIR" -p "$port" \
    -U postgres -d postgres <<<'CREATE ROLE tester LOGIN CREATEDB CREATEROLE;
      CREATE ROLE anvisa_officers NOLOGIN;
      CREATE ROLE officer LOGIN IN ROLE anvisa_officers;
      CREATE ROLE anvisa_auditor NOLOGIN;
      CREATE ROLE anvisa_password NOLOGIN;' || return 1
  SERVER_CONNINFO="host=$SERVER_DIR port=$port dbname=postgres user=tester"
  # The tests read it: as root they may; otherwise its owner runs them.
  SERVER_LOG=$SERVER_DIR/server.log
  # Stops the cluster at once, as a power cut would, and starts it again
  # (tests/test-server.c, /server/restart).
  SERVER_RESTART="$PG_BIN/pg_ctl -D $SERVER_DIR/data -l $SERVER_DIR/server.log -w -s -m immediate restart"
  [ "$(id -u)" -eq 0 ] && SERVER_RESTART="runuser -u postgres -- $SERVER_RESTART"
  say "PostgreSQL: $SERVER_CONNINFO (run by $user)" \
      "PostgreSQL: $SERVER_CONNINFO (körs av $user)"
}

server_stop () {
  [ -n "$SERVER_DIR" ] || return 0
  if [ -f "$SERVER_DIR/data/postmaster.pid" ]; then
    # Fast: the tests' connections are ended, not waited for.
    server_as_owner "$PG_BIN/pg_ctl" -D "$SERVER_DIR/data" -m fast -w -s stop \
      || server_as_owner "$PG_BIN/pg_ctl" -D "$SERVER_DIR/data" -m immediate -w -s stop \
      || say "The PostgreSQL server in $SERVER_DIR did not stop." \
             "PostgreSQL-servern i $SERVER_DIR stannade inte." >&2
  fi
  rm -rf "$SERVER_DIR"
  SERVER_DIR=
  SERVER_CONNINFO=
  SERVER_LOG=
}

# Every way out stops the server: the end, a failure under set -e, Ctrl-C
# and kill (then the signal goes on, so that the exit status tells it).
server_traps () {
  trap server_stop EXIT
  trap 'server_stop; trap - INT; kill -INT $$' INT
  trap 'server_stop; trap - TERM; kill -TERM $$' TERM
}

# Prints "N passed, N failed, N skipped" from meson's logs (given as
# NAME=FILE): every TAP result of the GLib tests, and each other test as
# one; a line per run, then the sum. A build that failed (NAME=FAILED), or
# a run that left no readable log, counts as one failure.
count_results () {
  python3 - "$@" <<'PY'
import json, re, sys

def count(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
            tap = [l for l in (test.get("stdout") or "").splitlines()
                   if re.match(r"(not )?ok\b", l)]
            if test.get("protocol") == "tap" or tap:
                for l in tap:
                    if re.search(r"#\s*(SKIP|TODO)", l, re.I):
                        skipped += 1
                    elif l.startswith("ok"):
                        passed += 1
                    else:
                        failed += 1
                if test["result"] not in ("OK", "SKIP") and not any(
                        l.startswith("not ok") for l in tap):
                    failed += 1   # crashed, timed out or bailed out
            elif test["result"] == "OK":
                passed += 1
            elif test["result"] == "SKIP":
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped

total = [0, 0, 0]
for arg in sys.argv[1:]:
    name, path = arg.split("=", 1)
    try:
        counts = (0, 1, 0) if path == "FAILED" else count(path)
    except (OSError, ValueError, KeyError):
        counts = (0, 1, 0)   # no log, or one cut short: the run did not finish
    total = [t + c for t, c in zip(total, counts)]
    print(f"  {name}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped")
print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
PY
}

run_tests () {
  local status=0
  local logs=()

  # A build that fails is a failure in the totals, not the end of the run.
  if [ -n "${BUILD_FAILED:-}" ]; then
    count_results "ordinary build=FAILED"
    return 1
  fi

  rm -f "$BUILD_DIR"/meson-logs/testlog*.json
  # The widget tests start an Xvfb each (tests/run-with-display.sh).
  meson test -C "$BUILD_DIR" --print-errorlogs "$@" || status=$?
  logs+=("ordinary build=$BUILD_DIR/meson-logs/testlog.json")

  if [ $# -eq 0 ]; then
    say "Server: the tests of suite server again, on a throwaway PostgreSQL cluster" \
        "Server: testerna i sviten server igen, på ett tillfälligt PostgreSQL-kluster"
    server_traps
    if server_start; then
      ANVISA_TEST_SERVER=$SERVER_CONNINFO ANVISA_TEST_SERVER_RESTART=$SERVER_RESTART \
        ANVISA_TEST_SERVER_LOG=$SERVER_LOG \
        meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs --logbase testlog-server \
        --timeout-multiplier 3 \
        --suite server || status=$?
      logs+=("server=$BUILD_DIR/meson-logs/testlog-server.json")
    else
      status=1
      logs+=("server=FAILED")
    fi
    server_stop

    say "Sanitizers: every test again with AddressSanitizer and UndefinedBehaviorSanitizer" \
        "Sanitizers: alla tester igen med AddressSanitizer och UndefinedBehaviorSanitizer"
    if build_asan; then
      rm -f "$ASAN_DIR"/meson-logs/testlog*.json
      env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        meson test -C "$ASAN_DIR" --print-errorlogs --timeout-multiplier 4 || status=$?
      logs+=("asan+ubsan build=$ASAN_DIR/meson-logs/testlog.json")
    else
      status=1
      logs+=("asan+ubsan build=FAILED")
    fi

    say "Valgrind: the core tests" "Valgrind: kärnans tester"
    local valgrind="valgrind --error-exitcode=1 --leak-check=full"
    valgrind+=" --errors-for-leak-kinds=definite --show-leak-kinds=definite"
    valgrind+=" --suppressions=$PWD/tests/valgrind.supp -q"
    local skip="${VALGRIND_SKIP[*]}"
    [ -n "${ANVISA_VALGRIND_ALL:-}" ] && skip=""
    meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs --logbase testlog \
      --timeout-multiplier 20 \
      --wrap="$valgrind" --test-args="$skip" \
      --suite core || status=$?
    # meson names the log after the wrapper: testlog-valgrind.json
    logs+=("valgrind=$BUILD_DIR/meson-logs/testlog-valgrind.json")

    say "Fuzzing: each harness for a bounded time" "Fuzzning: varje harness en begränsad tid"
    if build_fuzz; then
      rm -f "$FUZZ_DIR"/meson-logs/testlog*.json
      meson test -C "$FUZZ_DIR" --print-errorlogs || status=$?
      logs+=("fuzzers=$FUZZ_DIR/meson-logs/testlog.json")
    else
      status=1
      logs+=("fuzzers=FAILED")
    fi
  fi

  count_results "${logs[@]}"
  return $status
}

# Sourced (bash -c 'source ./setup.sh; server_start; …'): the functions only.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

case "${1:-}" in
  run)
    shift
    install_missing
    build
    run_app "$@"
    ;;
  test)
    shift
    install_missing "${TEST_PACKAGES[@]}"
    build || BUILD_FAILED=1
    run_tests "$@"
    ;;
  *)
    say "Usage: ./setup.sh run [--database PATH]   or   ./setup.sh test" \
        "Användning: ./setup.sh run [--database SÖKVÄG]   eller   ./setup.sh test" >&2
    exit 2
    ;;
esac
