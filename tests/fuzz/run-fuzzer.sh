#!/usr/bin/env bash
# run-fuzzer.sh — runs one libFuzzer harness for a bounded time
#
#   run-fuzzer.sh HARNESS SEED_DIR WORK_DIR SECONDS
#
# New inputs go to WORK_DIR, never into the seed corpus in the source tree;
# a crash is saved as WORK_DIR/crash-… and fails the run (exit status 1:
# libFuzzer's own 77 would read as "skipped" to meson).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

harness=$1 seeds=$2 work=$3 seconds=$4
# Each run starts from the seeds: a corpus kept from earlier runs would
# grow until replaying it alone took longer than the time given.
rm -rf "$work/corpus"
mkdir -p "$work/corpus"
exec nice "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -max_len=8192 -print_final_stats=1 -artifact_prefix="$work/" \
  "$work/corpus" "$seeds"
