#!/usr/bin/env bash
# Benchmark of calendars with public holidays by rule: business_deadline
# under 'Mon-Fri 09:00-18:00; tz Europe/Berlin' with "holidays DE-BE"
# against the same calendar without, over the same start instants.
# Usage: bash test/bench/holidays.sh [rows]      (default 1000000)
source "$(dirname "$0")/../lib.sh"
require_root "$@"
run_timing_sql "$TOP/test/bench/holidays.sql" "${1:-1000000}"
