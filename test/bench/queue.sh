#!/usr/bin/env bash
# Latency of the first page of both support queues, SELECT * FROM
# ticket_sla.queue LIMIT 50 and the same of ticket_sla.tier_queue, as the
# tickets table grows from 10,000 to 1,000,000 tickets.  Target: at
# 1,000,000 tickets each is answered from its index (tickets_queue,
# tickets_tier_queue; no sort), and its time stays flat from 10,000 to
# 1,000,000.
#
# Usage: bash test/bench/queue.sh [largest size] [seconds per timing]
#        (default 1000000 10; the sizes are largest/100, largest/10, largest)
#        LOAD=replica (environment; run as root to set it) fills with the
#        trigger skipped instead of through it (the default)
# Takes about 3 to 4 minutes by default (filling a million: about 30 s).
#
# queue.sql seeds the contracts, customers and contacts of insert.sql and
# defines bench_fill(), which grows ticket_sla.tickets in time order, about
# one ticket every 90 seconds from 2023, 90 % of them resolved (status
# resolved, resolved_at set) and the rest new or in progress, 2 %
# confidential.  At each size, after VACUUM ANALYZE, pgbench runs each
# view's first page on one connection for the given seconds, as the superuser
# (row-level security bypassed) and as bench_agent, a member of
# ticket_sla_agent (its policy hides confidential tickets), with the simple
# protocol (parsing and planning each time, as psql does) and, as
# bench_agent, with a prepared statement too (the executor alone, which is
# what the table's size could change), in five interleaved runs of a fifth
# of the seconds each; the median of the runs' mean latencies counts.
# The plans are checked at every size and shown at the largest.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
LARGEST=${1:-1000000}
SECS=${2:-10}
LOAD=${LOAD:-trigger}
BENCH="$TOP/test/bench"
SIZES=($((LARGEST / 100)) $((LARGEST / 10)) "$LARGEST")
# each queue and the index that holds its order
VIEWS=(queue tier_queue)
declare -A INDEX=([queue]=tickets_queue [tier_queue]=tickets_tier_queue)

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

# The first page of a view, what the support desk's screen asks for, as a
# pgbench script: $CLUSTER_DIR/<view>.sql
for view in "${VIEWS[@]}"; do
	echo "SELECT * FROM ticket_sla.$view LIMIT 50;" >"$CLUSTER_DIR/$view.sql"
done

# The plan of a view's first page for a role, without costs
plan() {
	"${PSQL[@]}" -U "$1" -At -c "EXPLAIN (COSTS OFF) SELECT * FROM ticket_sla.$2 LIMIT 50"
}

# "index" when the plan of a view reads its index in order and sorts nothing
plan_kind() {
	local p
	p=$(plan "$1" "$2")
	if grep -q 'Sort' <<<"$p"; then
		echo "sort, not index"
	elif grep -q "Index Scan using ${INDEX[$2]} " <<<"$p"; then
		echo index
	else
		echo "not ${INDEX[$2]}"
	fi
}

# Mean latency in ms of a view's first page for a role and protocol over
# seconds
latency() {
	local out lat
	out=$(pgbench -n -U "$1" -M "$2" -c 1 -j 1 -T "$3" -f "$CLUSTER_DIR/$4.sql" 2>&1) || {
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
	# warm up the caches, then time them
	for view in "${VIEWS[@]}"; do
		pgbench -n -U postgres -c 1 -t 20 -f "$CLUSTER_DIR/$view.sql" >/dev/null 2>&1
	done
	# five runs of each view, role and protocol, interleaved, so that a
	# slow spell of the machine hits all six alike; the median run counts
	declare -A su=() agent=() prep=()
	for ((run = 1; run <= 5; run++)); do
		for view in "${VIEWS[@]}"; do
			su[$view]+=" $(latency postgres simple "$RUN_SECS" "$view")"
			agent[$view]+=" $(latency bench_agent simple "$RUN_SECS" "$view")"
			prep[$view]+=" $(latency bench_agent prepared "$RUN_SECS" "$view")"
		done
	done
	for view in "${VIEWS[@]}"; do
		# shellcheck disable=SC2086 # the runs' latencies, one word each
		su_ms=$(median ${su[$view]})
		# shellcheck disable=SC2086
		agent_ms=$(median ${agent[$view]})
		# shellcheck disable=SC2086
		prep_ms=$(median ${prep[$view]})
		[ -n "$su_ms" ] && [ -n "$agent_ms" ] && [ -n "$prep_ms" ] || exit 1
		su_plan=$(plan_kind postgres "$view")
		agent_plan=$(plan_kind bench_agent "$view")
		printf '  %-10s superuser %.3f ms (%s), bench_agent %.3f ms (%s), prepared %.3f ms\n' \
			"$view" "$su_ms" "$su_plan" "$agent_ms" "$agent_plan" "$prep_ms"
		VALUES+=("('$view', $rows, $open, $su_ms, '$su_plan', $agent_ms, '$agent_plan', $prep_ms)")
	done
done

for view in "${VIEWS[@]}"; do
	echo
	echo "The plan of $view at $LARGEST tickets, as bench_agent (EXPLAIN ANALYZE):"
	"${PSQL[@]}" -U bench_agent -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ticket_sla.$view LIMIT 50"
done

"${PSQL[@]}" -v values="$(IFS=,; echo "${VALUES[*]}")" <<-'SQL'
	CREATE TEMP TABLE sizes (view text, tickets bigint, open bigint, su_ms float8, su_plan text,
	                         agent_ms float8, agent_plan text, prep_ms float8);
	INSERT INTO sizes VALUES :values;
	\echo 'SELECT * FROM ticket_sla.<view> LIMIT 50, mean latency, and its ratio to the smallest size:'
	SELECT v.view, v.tickets, v.open AS "open tickets",
	       round(v.su_ms::numeric, 3) AS "superuser ms", round((v.su_ms / s.su_ms)::numeric, 2) AS "x",
	       v.su_plan AS "superuser plan",
	       round(v.agent_ms::numeric, 3) AS "agent ms", round((v.agent_ms / s.agent_ms)::numeric, 2) AS "x",
	       v.agent_plan AS "agent plan",
	       round(v.prep_ms::numeric, 3) AS "agent prepared ms",
	       round((v.prep_ms / s.prep_ms)::numeric, 2) AS "x"
	FROM sizes v
	JOIN LATERAL (SELECT * FROM sizes s WHERE s.view = v.view ORDER BY s.tickets LIMIT 1) s ON true
	ORDER BY v.view, v.tickets;
	\echo 'x: the time at that size over the time at the smallest (flat: close to 1)'
SQL
