#!/usr/bin/env bash
# The view availability (docs/availability.md) over a store of 500
# customers taking three services each for two years (36,000 months as of
# December 2026), with 2,000 outages and 150 maintenance windows
# (availability.sql).  The view computes each month on its own, reading
# only the outages and windows that overlap it, so that a filter on the
# customer reaches the tables: what one customer's months cost should be
# what all the months cost divided by the customers.  Measured, best of 3,
# without parallel workers or JIT:
#   customer   one customer's months (about 72 rows)
#   quarter    quarterly_report of that customer for 2026-Q1 (its tickets:
#              none; its availability rows: three)
#   all        every month of every customer (count(*) over the view)
#   ratio      all / customer: the customers' count when the cost is linear
#   plan       the planning and execution time of one customer's months
#
# Usage: bash test/bench/availability.sh [customers]   (default 500)
# Takes about a minute.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
CUSTOMERS=${1:-500}
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c jit=off -c max_parallel_workers_per_gather=0

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -v customers="$CUSTOMERS" -v outages=2000 -v windows=150 -f "$BENCH/availability.sql"
best_ms() {
	local n=$1 query=$2
	for _ in $(seq "$n"); do echo "$query;"; done |
		"${PSQL[@]}" -c '\o /dev/null' -c '\timing on' -f - |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -g | head -n 1
}
CUSTOMER=$((CUSTOMERS / 2))
months=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.availability")
one=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.availability WHERE customer_id = $CUSTOMER")
customer=$(best_ms 3 "SELECT * FROM ticket_sla.availability WHERE customer_id = $CUSTOMER")
quarter=$(best_ms 3 "SELECT * FROM ticket_sla.quarterly_report($CUSTOMER, '2026-Q1')")
all=$(best_ms 3 "SELECT count(*) FROM ticket_sla.availability")
"${PSQL[@]}" -c "SELECT count(*) FILTER (WHERE met) AS met, count(*) FILTER (WHERE NOT met) AS breached,
	count(*) FILTER (WHERE met IS NULL) AS running FROM ticket_sla.availability"
"${PSQL[@]}" -c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY)
	SELECT * FROM ticket_sla.availability WHERE customer_id = $CUSTOMER" | grep -E 'Planning Time|Execution Time'
echo "$CUSTOMERS customers, $months months ($one of customer $CUSTOMER)"
awk -v c="$customer" -v q="$quarter" -v a="$all" -v n="$CUSTOMERS" 'BEGIN {
	printf "  one customer %.1f ms, its quarterly_report %.1f ms, all months %.0f ms; all / one customer %.0f (customers: %d)\n",
		c, q, a, a / c, n }'
