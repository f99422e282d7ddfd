#!/usr/bin/env bash
# Benchmark of calendars with public holidays by rule: business_deadline
# under 'Mon-Fri 09:00-18:00; tz Europe/Berlin' with "holidays DE-BE"
# against the same calendar without, over the same start instants.
# Usage: bash test/bench/holidays.sh [rows]      (default 1000000)
source "$(dirname "$0")/../lib.sh"
require_root "$@"
ROWS=${1:-1000000}

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=512MB -c max_parallel_workers_per_gather=0 -c jit=off

psql -qX -v ON_ERROR_STOP=1 -v rows="$ROWS" -f "$TOP/test/bench/holidays.sql"
