#!/usr/bin/env bash
# Benchmark of the forms in which a call gets its calendar or contract, against
# timezone() as baseline: a literal; a small calendar, a calendar of 330
# closed dates (stored compressed) and one stored out of line, each read from
# a table column; a contract with the large calendar read from a joined
# ticket_sla.contracts.
# Usage: bash test/bench/call_forms.sh [rows]         (default 1000000)
# Prints the per-call cost of each form over the same start instants, net of
# the cost of its query without the call, and its ratio to the baseline.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
run_timing_sql "$TOP/test/bench/call_forms.sql" "${1:-1000000}"
