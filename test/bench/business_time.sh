#!/usr/bin/env bash
# Benchmark of the business-time functions against timezone() as baseline.
# Usage: bash test/bench/business_time.sh [rows]      (default 1000000)
# Prints the per-call cost of each function over the same start instants,
# net of the cost of scanning the table, and its ratio to the baseline.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
ROWS=${1:-1000000}

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=512MB -c max_parallel_workers_per_gather=0 -c jit=off

psql -qX -v ON_ERROR_STOP=1 -v rows="$ROWS" -f "$TOP/test/bench/business_time.sql"
