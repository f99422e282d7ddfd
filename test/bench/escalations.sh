#!/usr/bin/env bash
# process_escalations and the compliance view on a big store: 1,000,000
# tickets of which about 100,000 open (the fill of queue.sql, through the
# trigger).  Targets: the catch-up fires at least 20,000 events (escalation
# steps, warnings, breaches) per second; process_escalations with nothing
# due reads the index tickets_events and no ticket row; the full
# recomputation of the compliance view over a year (compliance_recomputed;
# compliance reads the report rollups: test/bench/reports.sh) runs in
# parallel workers.
#
# Usage: bash test/bench/escalations.sh [tickets] [seconds]   (default 1000000 10)
# Takes about three minutes by default (filling a million: about a minute).
#
# 1. The catch-up: process_escalations() called until it fires nothing
#    (at most 5,000 events per call, each call its own transaction), over
#    every step, warning and breach due on the open tickets (the fill
#    starts from nothing fired); events per second, and each event logged
#    once.
# 2. The idle run, with 1,000 fresh tickets whose steps are ahead and
#    nothing due: its batch query's plan (EXPLAIN ANALYZE,
#    BUFFERS), the ticket heap and index blocks one call reads (from
#    pg_statio_user_tables), and its latency under pgbench.
# 3. The compliance view recomputed (compliance_recomputed) for the months
#    and quarters of one year: the plan,
#    and its time with parallel workers (2) against without (0), best of
#    three each, interleaved.
# 4. A day of downtime: 50,000 tickets opened in the last 24 hours on a
#    round-the-clock plan that warns at 75 % (ladders, response and
#    resolution targets), none answered and no run meanwhile; then the
#    catch-up of the day, as in 1.  Step 1's catch-up is the first run over
#    a three-year history, where most due tickets carry one event (the
#    breach of a ticket resolved late); here a ticket carries several.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
TICKETS=${1:-1000000}
SECS=${2:-10}
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=1GB -c max_wal_size=16GB -c checkpoint_timeout=1h \
	-c autovacuum=off -c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=2

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -v customers=100 -f "$BENCH/queue.sql"
start=$(date +%s)
"${PSQL[@]}" -c "CALL bench_fill($TICKETS, true)" -c "VACUUM ANALYZE ticket_sla.tickets"
"${PSQL[@]}" -At -c "SELECT format('%s tickets, %s open, filled through the trigger in %s s',
	count(*), count(*) FILTER (WHERE resolved_at IS NULL), $(($(date +%s) - start)))
	FROM ticket_sla.tickets"

# The events logged so far: steps, warnings and breaches
events_logged() {
	"${PSQL[@]}" -At -c "SELECT (SELECT count(*) FROM ticket_sla.escalations) + (SELECT count(*) FROM ticket_sla.target_events)"
}

# process_escalations() called until it fires nothing, as a scheduler
# repeats it, each call its own transaction (in one session, batches of 50
# calls, so that starting psql is not timed); prints the events fired, the
# calls that fired any, the time, the rate, and whether each was logged once
catch_up() {
	local label=$1 before start end total=0 calls=0 n fired
	before=$(events_logged)
	start=$(date +%s.%N)
	while :; do
		fired=0
		while read -r n; do
			total=$((total + n))
			if [ "$n" -gt 0 ]; then calls=$((calls + 1)) fired=1; fi
		done < <(for _ in $(seq 50); do echo 'SELECT ticket_sla.process_escalations();'; done | "${PSQL[@]}" -At)
		[ "$fired" = 1 ] || break
	done
	end=$(date +%s.%N)
	awk -v t="$label" -v n="$total" -v a="$start" -v b="$end" -v c="$calls" -v l="$(($(events_logged) - before))" 'BEGIN {
		s = b - a
		printf "%s: %d events fired in %d calls, %.1f s: %.0f events/s; %d logged (%s)\n",
			t, n, c, s, n / s, l, l == n ? "each once" : "MISMATCH" }'
}

due=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.tickets WHERE next_event_at <= now()")
echo "1. The catch-up: $due tickets with an event due"
catch_up catch-up

"${PSQL[@]}" <<'SQL'
-- and 1,000 critical tickets opened in the last five minutes on the Cyren
-- plans (customers 1, 2, 4, 5, ...), whose first step (after 1 hour) and
-- response deadline (30 minutes at the soonest) are ahead
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT c, 'Mail security gateway', 'Outbound mail stops', now(), 'No invoices go out',
	'Outbound queue grows', 'Deferred', 'Delivered', 'phone', 'critical',
	now() - random() * interval '5 minutes'
FROM generate_series(1, 1000) i, LATERAL (SELECT 1 + 3 * (i % 33) + i % 2 AS c) AS cu;
VACUUM ANALYZE ticket_sla.tickets;
SELECT count(*) AS open_tickets_with_an_event_ahead
FROM ticket_sla.tickets WHERE next_event_at IS NOT NULL;

\echo
\echo '2. Nothing due: the batch query of process_escalations'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
SELECT tk
  FROM ticket_sla.tickets tk
 WHERE tk.next_event_at <= now()
 ORDER BY tk.next_event_at
 LIMIT 2000
   FOR UPDATE OF tk SKIP LOCKED;

-- the blocks of the tickets table and its indexes that one call reads
SELECT pg_stat_force_next_flush();
CREATE TEMP TABLE before AS
SELECT coalesce(heap_blks_read, 0) + coalesce(heap_blks_hit, 0) AS heap,
	   coalesce(idx_blks_read, 0) + coalesce(idx_blks_hit, 0) AS idx
FROM pg_statio_user_tables WHERE relid = 'ticket_sla.tickets'::regclass;
SELECT ticket_sla.process_escalations() AS events_fired;
SELECT pg_stat_force_next_flush();
SELECT s.heap_blks_read + s.heap_blks_hit - b.heap AS ticket_heap_blocks_read,
	   s.idx_blks_read + s.idx_blks_hit - b.idx AS ticket_index_blocks_read
FROM pg_statio_user_tables s, before b WHERE s.relid = 'ticket_sla.tickets'::regclass;
SQL

echo "SELECT ticket_sla.process_escalations();" > "$CLUSTER_DIR/idle.sql"
pgbench -n -c 1 -T "$SECS" -f "$CLUSTER_DIR/idle.sql" 2>&1 | sed -n 's/^latency average = /process_escalations() with nothing due, latency average = /p'

"${PSQL[@]}" <<'SQL'
\echo
\echo '3. The compliance view over one year'
EXPLAIN (COSTS OFF)
SELECT * FROM ticket_sla.compliance_recomputed WHERE period_start >= '2024-01-01' AND period_start < '2025-01-01';
SQL

# best of three timings of the year's compliance, with and without workers,
# interleaved; the whole result fetched (to /dev/null)
YEAR_QUERY="SELECT * FROM ticket_sla.compliance_recomputed WHERE period_start >= '2024-01-01' AND period_start < '2025-01-01'"
time_query() {
	"${PSQL[@]}" -c "SET max_parallel_workers_per_gather = $1" -c '\o /dev/null' -c '\timing on' \
		-c "$YEAR_QUERY" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
serial=() parallel=()
for round in 1 2 3; do
	serial+=("$(time_query 0)")
	parallel+=("$(time_query 2)")
done
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
s=$(best "${serial[@]}") p=$(best "${parallel[@]}")
rows=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ($YEAR_QUERY) q")
awk -v s="$s" -v p="$p" -v r="$rows" 'BEGIN { printf "compliance for one year (%d rows): %.0f ms without workers, %.0f ms with 2, speed-up %.2f\n", r, s, p, s / p }'

# 4. A day of downtime: no run for 24 hours while a desk on a round-the-
# clock plan with warnings (20 customers) opened 50,000 tickets, none
# answered; then the runs resume and fire every step, warning and breach
# of the day.
"${PSQL[@]}" <<'SQL'
-- ids given, as insert.sql gives its own (the sequences stand at the start)
INSERT INTO ticket_sla.contracts (contract_id, name, terms) VALUES (4, 'Desk 24x7',
 'plan "Desk 24x7"; tier standard; warn at 75%;
  critical: respond within 30 minutes, resolve within 4 hours,
            escalate after 1 hour to "Duty manager", escalate after 2 hours to "Head of support";
  high: respond within 1 hour, resolve within 8 hours, escalate after 4 hours to "Duty manager";
  medium: respond within 4 hours, resolve within 24 hours;
  low: respond within 8 hours, resolve within 48 hours');
INSERT INTO ticket_sla.customers (customer_id, organisation, contract_id)
SELECT 1000 + i, 'Desk customer ' || i, 4 FROM generate_series(1, 20) i;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT cu.customer_id, 'Web shop', 'Checkout fails', t.opened_at, 'No sales', 'Error 500',
	'Error', 'Orders go through', 'web',
	(ARRAY['critical', 'high', 'medium', 'low']::ticket_sla.severity[])[1 + i % 4], t.opened_at
FROM generate_series(1, 50000) i
CROSS JOIN LATERAL (SELECT now() - interval '24 hours' + i * interval '1.7 seconds' AS opened_at) t
JOIN ticket_sla.customers cu ON cu.organisation = 'Desk customer ' || (1 + i % 20);
VACUUM ANALYZE ticket_sla.tickets;
SQL
due=$("${PSQL[@]}" -At -c "SELECT count(*) FROM ticket_sla.tickets WHERE next_event_at <= now()")
echo
echo "4. A day of downtime: $due tickets of the day with an event due"
catch_up "catch-up after a day"
