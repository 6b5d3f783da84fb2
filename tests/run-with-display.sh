#!/usr/bin/env bash
# run-with-display.sh — runs a widget test on an X display of its own
#
#   run-with-display.sh PROGRAM [ARGS…]
#
# Starts a private Xvfb (it picks a free display number itself and says
# which on a file descriptor, so tests started at once never share one),
# runs PROGRAM with DISPLAY set to it, and stops it. The widget tests run in
# parallel: on one shared display their windows would cover each other and
# take each other's focus. Without Xvfb, PROGRAM runs on the display there
# is, or skips its tests when there is none.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

if ! command -v Xvfb >/dev/null 2>&1; then
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/anvisa-display-XXXXXX")
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$dir/display" 2>"$dir/log" &
xvfb=$!
cleanup () {
  kill "$xvfb" 2>/dev/null
  wait "$xvfb" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

# Xvfb writes the display's number once it accepts connections.
for _ in $(seq 200); do
  if [ -s "$dir/display" ] || ! kill -0 "$xvfb" 2>/dev/null; then
    break
  fi
  sleep 0.05
done
if [ ! -s "$dir/display" ]; then
  echo "run-with-display.sh: Xvfb did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi

DISPLAY=":$(head -n 1 "$dir/display")" "$@"
