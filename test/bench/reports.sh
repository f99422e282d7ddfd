#!/usr/bin/env bash
# The reports over a big store, read from the report rollups against the
# full recomputation (docs/reports.md#report-rollups).  Target: compliance
# for the months and quarters of one year in under 1 s at 10,000,000
# tickets, one customer's quarter in under 50 ms, with exactly the figures
# of the full recomputation (compliance_recomputed).
#
# Usage: bash test/bench/reports.sh [tickets] [customers]   (default 10000000 1000)
# Takes about 25 minutes by default (filling 10,000,000 tickets through
# the trigger: about 15).
#
# The store is filled through the trigger (queue.sql's bench_fill; 5 %
# critical, 90 % resolved) and measured twice in one run, so that the
# figures show how the reports grow: first a tenth of the tickets, one every
# 90 seconds from 2023-01-01 (1,000,000 span about three years, as in the
# other benchmarks), then the rest, one every 9 seconds from where the
# numbering stands (10,000,000 end in the same month; the year 2024 holds
# about 350,000 tickets at the first stage and 3,850,000 at the second).
# At each stage:
#   refresh     refresh_reports() over everything filled since the last
#               stage (every ticket is new: a full build of the rollups)
#   year        compliance WHERE period_start in 2024 (months and quarters):
#               from the rollups (best of 3) and recomputed (one run, its
#               rows kept to compare)
#   exact       rows that differ between the two, both ways (must be 0)
#   quarter     compliance of one customer's quarter (best of 5), and
#               quarterly_report of that customer and quarter (best of 5;
#               its incident rows list every ticket of the quarter)
#   changed     1,000 tickets of the year resolved or reopened, then the
#               year read before a refresh (the changed periods recomputed
#               on read), then refresh_reports() (its time), then exact
#               again
# autovacuum and JIT are off (JIT would add its compile time to the
# recomputation's plan, whose cost is high).
source "$(dirname "$0")/../lib.sh"
require_root "$@"
TICKETS=${1:-10000000}
CUSTOMERS=${2:-1000}
FIRST=$((TICKETS / 10))
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=4GB -c max_wal_size=32GB -c checkpoint_timeout=1h \
	-c autovacuum=off -c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=2

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -v customers="$CUSTOMERS" -f "$BENCH/queue.sql"

YEAR="period_start >= '2024-01-01' AND period_start < '2025-01-01'"
# milliseconds of the best of N runs of a query in one session (as a
# dashboard's pooled connection runs it), its rows fetched to /dev/null
best_ms() {
	local n=$1 query=$2
	for _ in $(seq "$n"); do echo "$query;"; done |
		"${PSQL[@]}" -c '\o /dev/null' -c '\timing on' -f - |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -g | head -n 1
}
# milliseconds of one statement
once_ms() {
	"${PSQL[@]}" -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}
# rows that differ, both ways, between compliance's year and the kept
# recomputation
differences() {
	"${PSQL[@]}" -At -c "SELECT count(*) FROM (
		(SELECT * FROM ticket_sla.compliance WHERE $YEAR EXCEPT ALL TABLE recomputed)
		UNION ALL
		(TABLE recomputed EXCEPT ALL SELECT * FROM ticket_sla.compliance WHERE $YEAR)) d"
}

stage() {
	local target=$1 spacing=$2 start filled refresh year rows recomputed exact cust quarter report changed_read changed_refresh
	start=$(date +%s)
	"${PSQL[@]}" -c "CALL bench_fill($target, true, interval '$spacing')" -c "VACUUM ANALYZE ticket_sla.tickets"
	filled=$(($(date +%s) - start))
	refresh=$(once_ms "SELECT ticket_sla.refresh_reports()")
	"${PSQL[@]}" -c "VACUUM ANALYZE ticket_sla.report_days, ticket_sla.report_periods"
	year=$(best_ms 3 "SELECT * FROM ticket_sla.compliance WHERE $YEAR")
	rows=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.compliance WHERE $YEAR")
	recomputed=$(once_ms "DROP TABLE IF EXISTS recomputed; CREATE TABLE recomputed AS SELECT * FROM ticket_sla.compliance_recomputed WHERE $YEAR")
	exact=$(differences)
	cust=$(best_ms 5 "SELECT * FROM ticket_sla.compliance WHERE customer_id = 7 AND period = 'quarter' AND period_start = '2024-04-01'")
	report=$(best_ms 5 "SELECT * FROM ticket_sla.quarterly_report(7, '2024-Q2')")
	# 1,000 tickets of the year change: open ones resolved, resolved ones reopened
	"${PSQL[@]}" -c "UPDATE ticket_sla.tickets
		SET status = CASE WHEN resolved_at IS NULL THEN 'resolved' ELSE 'in progress' END,
			changed_at = greatest(changed_at, coalesce(resolved_at, changed_at)) + interval '1 hour'
		WHERE ticket_id IN (SELECT ticket_id FROM ticket_sla.tickets
							WHERE opened_at >= '2024-01-01' AND opened_at < '2025-01-01'
							ORDER BY ticket_id % 997, ticket_id LIMIT 1000)"
	"${PSQL[@]}" -c "DROP TABLE recomputed; CREATE TABLE recomputed AS SELECT * FROM ticket_sla.compliance_recomputed WHERE $YEAR"
	changed_read=$(best_ms 3 "SELECT * FROM ticket_sla.compliance WHERE $YEAR")
	changed_exact=$(differences)
	changed_refresh=$(once_ms "SELECT ticket_sla.refresh_reports()")
	after_exact=$(differences)
	printf '%s\n' "$target tickets (filled through the trigger in $filled s): refresh_reports $(awk -v ms="$refresh" 'BEGIN { printf "%.1f", ms / 1000 }') s" \
		"  year ($rows rows): rollups $year ms, recomputed $recomputed ms, $exact rows differ" \
		"  one customer's quarter: compliance $cust ms, quarterly_report $report ms" \
		"  1,000 tickets changed: year read before the refresh $changed_read ms ($changed_exact rows differ), refresh $changed_refresh ms, then $after_exact rows differ" \
		| tee -a "$CLUSTER_DIR/summary"
}

echo "stage 1: $FIRST tickets"
stage "$FIRST" '90 seconds'
echo "stage 2: $TICKETS tickets"
stage "$TICKETS" '9 seconds'
echo
echo "summary ($CUSTOMERS customers)"
cat "$CLUSTER_DIR/summary"
