#!/usr/bin/env bash
# Latency of the support queue's first page, SELECT * FROM ticket_sla.queue
# LIMIT 50, as the tickets table grows from 10,000 to 1,000,000 tickets.
# Target: at 1,000,000 tickets it is answered from an index (tickets_queue,
# no sort), and its time stays flat from 10,000 to 1,000,000.
#
# Usage: bash test/bench/queue.sh [largest size] [seconds per timing]
#        (default 1000000 10; the sizes are largest/100, largest/10, largest)
#        LOAD=replica (environment; run as root to set it) fills with the
#        trigger skipped instead of through it (the default)
# Takes about 2 to 3 minutes by default (filling a million: about 30 s).
#
# queue.sql seeds the contracts, customers and contacts of insert.sql and
# defines bench_fill(), which grows ticket_sla.tickets in time order, about
# one ticket every 90 seconds from 2023, 90 % of them resolved (status
# resolved, resolved_at set) and the rest new or in progress, 2 %
# confidential.  At each size, after VACUUM ANALYZE, pgbench runs
# queue_select.sql on one connection for the given seconds, as the superuser
# (row-level security bypassed) and as bench_agent, a member of
# ticket_sla_agent (its policy hides confidential tickets), with the simple
# protocol (parsing and planning each time, as psql does) and, as
# bench_agent, with a prepared statement too (the executor alone, which is
# what the table's size could change), in five interleaved runs of a fifth
# of the seconds each; the median of the runs' mean latencies counts.
# The plan is checked at every size and shown at the largest.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
LARGEST=${1:-1000000}
SECS=${2:-10}
LOAD=${LOAD:-trigger}
BENCH="$TOP/test/bench"
SIZES=($((LARGEST / 100)) $((LARGEST / 10)) "$LARGEST")

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=1GB -c max_wal_size=16GB -c checkpoint_timeout=1h \
	-c autovacuum=off -c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=64MB

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -v customers=100 -f "$BENCH/queue.sql"
if [ "$LOAD" = replica ]; then
	via_trigger=false how="with the trigger skipped"
else
	via_trigger=true how="through the trigger"
fi

# The plan of the query for a role, without costs
plan() {
	"${PSQL[@]}" -U "$1" -At -c "EXPLAIN (COSTS OFF) SELECT * FROM ticket_sla.queue LIMIT 50"
}

# "index" when the plan reads tickets_queue in order and sorts nothing
plan_kind() {
	local p
	p=$(plan "$1")
	if grep -q 'Sort' <<<"$p"; then
		echo "sort, not index"
	elif grep -q 'Index Scan using tickets_queue' <<<"$p"; then
		echo index
	else
		echo "not tickets_queue"
	fi
}

# Mean latency in ms of the query for a role and protocol over seconds
latency() {
	local out lat
	out=$(pgbench -n -U "$1" -M "$2" -c 1 -j 1 -T "$3" -f "$BENCH/queue_select.sql" 2>&1) || {
		printf '%s\n' "$out" >&2
		exit 1
	}
	lat=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' <<<"$out")
	[ -n "$lat" ] || { printf '%s\n' "$out" >&2; exit 1; }
	echo "$lat"
}

median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
RUN_SECS=$(((SECS + 4) / 5))

VALUES=()
for size in "${SIZES[@]}"; do
	start=$(date +%s)
	"${PSQL[@]}" -c "CALL bench_fill($size, $via_trigger)" -c "VACUUM ANALYZE ticket_sla.tickets"
	read -r rows open < <("${PSQL[@]}" -At -F ' ' -c \
		"SELECT count(*), count(*) FILTER (WHERE resolved_at IS NULL) FROM ticket_sla.tickets")
	echo "$rows tickets ($open open), filled $how in $(($(date +%s) - start)) s"
	# warm up both roles' caches, then time them
	pgbench -n -U postgres -c 1 -t 20 -f "$BENCH/queue_select.sql" >/dev/null 2>&1
	# five runs of each, interleaved, so that a slow spell of the machine
	# hits all three alike; the median run counts
	su=() agent=() prep=()
	for ((run = 1; run <= 5; run++)); do
		su+=("$(latency postgres simple "$RUN_SECS")")
		agent+=("$(latency bench_agent simple "$RUN_SECS")")
		prep+=("$(latency bench_agent prepared "$RUN_SECS")")
	done
	su_ms=$(median "${su[@]}")
	agent_ms=$(median "${agent[@]}")
	prep_ms=$(median "${prep[@]}")
	[ -n "$su_ms" ] && [ -n "$agent_ms" ] && [ -n "$prep_ms" ] || exit 1
	su_plan=$(plan_kind postgres)
	agent_plan=$(plan_kind bench_agent)
	printf '  superuser %.3f ms (%s), bench_agent %.3f ms (%s), prepared %.3f ms\n' \
		"$su_ms" "$su_plan" "$agent_ms" "$agent_plan" "$prep_ms"
	VALUES+=("($rows, $open, $su_ms, '$su_plan', $agent_ms, '$agent_plan', $prep_ms)")
done

echo
echo "The plan at $LARGEST tickets, as bench_agent (EXPLAIN ANALYZE):"
"${PSQL[@]}" -U bench_agent -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ticket_sla.queue LIMIT 50"

"${PSQL[@]}" -v values="$(IFS=,; echo "${VALUES[*]}")" <<-'SQL'
	CREATE TEMP TABLE sizes (tickets bigint, open bigint, su_ms float8, su_plan text,
	                         agent_ms float8, agent_plan text, prep_ms float8);
	INSERT INTO sizes VALUES :values;
	\echo 'SELECT * FROM ticket_sla.queue LIMIT 50, mean latency:'
	SELECT tickets, open AS "open tickets",
	       round(su_ms::numeric, 3) AS "superuser ms", su_plan AS "superuser plan",
	       round(agent_ms::numeric, 3) AS "agent ms", agent_plan AS "agent plan",
	       round(prep_ms::numeric, 3) AS "agent prepared ms"
	FROM sizes ORDER BY tickets;
	SELECT format('%s / %s tickets: superuser %s x, agent %s x, agent prepared %s x (flat: close to 1)',
	              l.tickets, s.tickets,
	              round((l.su_ms / s.su_ms)::numeric, 2), round((l.agent_ms / s.agent_ms)::numeric, 2),
	              round((l.prep_ms / s.prep_ms)::numeric, 2)) AS line
	FROM (SELECT * FROM sizes ORDER BY tickets LIMIT 1) s,
	     (SELECT * FROM sizes ORDER BY tickets DESC LIMIT 1) l
	\gset
	\echo :line
SQL
