#!/usr/bin/env bash
# what_if over a big store (docs/what-if.md): what_if_summary of a
# quarter of 1,000,000 tickets (about 250,000, each with its first
# response, resolution cycles, replies and update intervals) under
# proposed terms.  Target: a few seconds.
#
# Usage: bash test/bench/what_if.sh [tickets]   (default 1000000)
# Takes about 5 minutes (filling through the trigger and the histories).
#
# what_if.sql fills the store (one plan, 1,000 customers, the quarter's
# tickets given reopenings, pauses and conversations); then, without
# parallel workers or JIT:
#   summary     what_if_summary of 2023-Q2 under the proposed terms (P3
#               resolved in 2 business days instead of 5), best of 3
#   rows        what_if of the same (the rows it replays), one run
#   baseline    the same quarter's targets counted from ticket_outcomes
#               (the recorded outcomes only, nothing replayed), best of 3
source "$(dirname "$0")/../lib.sh"
require_root "$@"
TICKETS=${1:-1000000}
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=1GB -c max_wal_size=8GB -c autovacuum=off -c jit=off \
	-c work_mem=64MB -c max_parallel_workers_per_gather=0

PSQL=(psql -qX -v ON_ERROR_STOP=1)
start=$(date +%s)
"${PSQL[@]}" -v customers=1000 -v tickets="$TICKETS" -f "$BENCH/what_if.sql"
filled=$(($(date +%s) - start))

PERIOD="tstzrange('2023-04-01 00:00+00', '2023-07-01 00:00+00')"
# the proposal: medium (P3) resolved in 2 business days instead of 5
PROPOSED="(SELECT replace(terms::text, 'medium: respond within 1 business day, resolve within 5 business days',
	'medium: respond within 1 business day, resolve within 2 business days')::ticket_sla.contract
	FROM ticket_sla.contracts WHERE contract_id = 3)"
best_ms() {
	local n=$1 query=$2
	for _ in $(seq "$n"); do echo "$query;"; done |
		"${PSQL[@]}" -c '\o /dev/null' -c '\timing on' -f - |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -g | head -n 1
}
tickets=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.tickets WHERE opened_at <@ $PERIOD")
summary=$(best_ms 3 "SELECT * FROM ticket_sla.what_if_summary($PERIOD, $PROPOSED, contract_id => 3)")
rows=$(best_ms 1 "SELECT * FROM ticket_sla.what_if($PERIOD, $PROPOSED, contract_id => 3)")
nrows=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.what_if($PERIOD, $PROPOSED, contract_id => 3)")
baseline=$(best_ms 3 "SELECT severity, sum(response_met + resolution_met + replies_met + updates_met),
	sum(response_breached + resolution_breached + replies_breached + updates_breached)
	FROM ticket_sla.ticket_outcomes WHERE opened_at <@ $PERIOD GROUP BY ROLLUP (severity)")
"${PSQL[@]}" -c "SELECT * FROM ticket_sla.what_if_summary($PERIOD, $PROPOSED, contract_id => 3)"
echo "$TICKETS tickets (filled with histories in $filled s); 2023-Q2: $tickets tickets, $nrows target cycles"
awk -v s="$summary" -v r="$rows" -v b="$baseline" 'BEGIN {
	printf "  what_if_summary %.2f s, what_if %.2f s; ticket_outcomes of the quarter %.2f s (what_if_summary / it: %.1f)\n",
		s / 1000, r / 1000, b / 1000, s / b }'
