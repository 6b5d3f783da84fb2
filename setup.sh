#!/usr/bin/env bash
# setup.sh — set up Anvisa on a Debian 12 machine, then run it or test it.
#
#   ./setup.sh run [ANVISA OPTIONS…]   install what is missing, build, start Anvisa
#   ./setup.sh test                    install what is missing, build, run every test
#
# Both are safe to repeat: packages already there are not reinstalled and
# an unchanged build is not rebuilt. Run as root, or as a user who may sudo.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
BUILD_DIR=${ANVISA_BUILD_DIR:-_build}

PACKAGES=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-3-dev libsqlite3-dev libcsv-dev libjson-glib-dev
  desktop-file-utils appstream xvfb xauth sqlite3 python3
)

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
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

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

# Prints "N passed, N failed, N skipped" from meson's log: every TAP
# result of the GLib tests, and each other test as one.
count_results () {
  python3 - "$BUILD_DIR/meson-logs/testlog.json" <<'PY'
import json, re, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
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
            if test["result"] not in ("OK", "SKIP") and not any(l.startswith("not ok") for l in tap):
                failed += 1   # crashed, timed out or bailed out
        elif test["result"] == "OK":
            passed += 1
        elif test["result"] == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

run_tests () {
  local status=0
  xvfb-run -a -s "-screen 0 1280x800x24" \
    meson test -C "$BUILD_DIR" --print-errorlogs "$@" || status=$?
  count_results
  return $status
}

case "${1:-}" in
  run)
    shift
    install_missing
    build
    run_app "$@"
    ;;
  test)
    shift
    install_missing
    build
    run_tests "$@"
    ;;
  *)
    say "Usage: ./setup.sh run [--database PATH]   or   ./setup.sh test" \
        "Användning: ./setup.sh run [--database SÖKVÄG]   eller   ./setup.sh test" >&2
    exit 2
    ;;
esac
