#!/usr/bin/env bash
# Benchmark of the business-time functions against timezone() as baseline.
# Usage: bash test/bench/business_time.sh [rows]      (default 1000000)
# Prints the per-call cost of each function over the same start instants,
# net of the cost of scanning the table, and its ratio to the baseline.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
run_timing_sql "$TOP/test/bench/business_time.sql" "${1:-1000000}"
