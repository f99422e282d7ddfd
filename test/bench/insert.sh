#!/usr/bin/env bash
# Throughput of opening tickets through the stamping trigger, against
# inserting the same rows into the same table with the trigger disabled.
# Target: with the trigger, at least 85 % of the throughput without it,
# measured in one run.
#
# Usage: bash test/bench/insert.sh [seconds per run] [rounds]   (default 10 10)
#        CLIENTS=4 THREADS=2 PROTOCOL=prepared CUSTOMERS=100 (environment;
#        run as root to set them: require_root's sudo keeps only PG_CONFIG)
# Takes about 2 * rounds * (seconds + 1) + 20 s, plus the build: about 4
# minutes by default.
# Besides the table, the final line: "insert throughput with triggers: NN %
# of without (target >= 85 %)".
#
# Use -M prepared (the default) to compare the two: with the simple protocol
# the disabled variant's longer INSERT costs more to parse and plan than the
# trigger does, and "triggers" comes out ahead.
#
# insert.sql seeds three contracts (New York business hours, a premium
# round-the-clock plan, Berlin office hours with holidays), 100 customers
# spread over them and 3 contacts each.  pgbench (-n, CLIENTS clients) then
# inserts one ticket per transaction with a random customer, contact,
# severity, channel and opened_at (2026-01-01 to 2026-11-30, in the past), as the role bench_agent, a
# member of ticket_sla_agent:
#   triggers  insert_triggers.sql: the application's columns only; the
#             BEFORE trigger stamp fills in case number, tier, terms, clock
#             start and deadlines (looking up the customer's terms per row)
#   disabled  insert_disabled.sql, with ALTER TABLE ticket_sla.tickets
#             DISABLE TRIGGER stamp (the foreign-key triggers stay): the
#             INSERT supplies those values itself, the case number from the
#             same sequence, so the row has the same width and every index
#             is maintained alike
# Both variants run in alternating rounds (AB BA AB ...), each from an empty
# table and a fresh sequence after a CHECKPOINT, so that neither sees a
# bigger table or a different spell of the machine.  Each round gives one
# ratio triggers / disabled from its two back-to-back runs; the median of
# those ratios is the result (on a shared virtual machine throughput drifts
# by ±20 % within minutes, which pairing cancels; the median, best and worst
# tps of each variant are shown too).
#
# Not measured here: plans with a premium-request quota (every premium
# ticket then also upserts the customer's row in premium_requests, and
# concurrent tickets of one customer queue on its row lock: a contention
# measurement of its own), and updates of tickets.
source "$(dirname "$0")/../lib.sh"
require_root "$@"
SECS=${1:-10}
ROUNDS=${2:-10}
CLIENTS=${CLIENTS:-4}
THREADS=${THREADS:-2}
PROTOCOL=${PROTOCOL:-prepared}
CUSTOMERS=${CUSTOMERS:-100}
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
# no autovacuum and no checkpoint inside a run: both would hit one round
# and not the other
start_cluster -c shared_buffers=512MB -c max_wal_size=16GB -c checkpoint_timeout=1h \
	-c autovacuum=off -c jit=off -c max_connections=$((CLIENTS + 20))

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -v customers="$CUSTOMERS" -f "$BENCH/insert.sql"

# An empty table and sequence, the trigger on or off, nothing to write back
reset() {
	local trigger=$1
	"${PSQL[@]}" <<-SQL
		TRUNCATE ticket_sla.tickets, ticket_sla.clock_segments, ticket_sla.escalations, ticket_sla.target_events;
		ALTER SEQUENCE ticket_sla.case_number_seq RESTART;
		ALTER TABLE ticket_sla.tickets ${trigger} TRIGGER stamp;
		VACUUM ANALYZE ticket_sla.tickets;
		CHECKPOINT;
	SQL
}

script_of() { [ "$1" = triggers ] && echo insert_triggers.sql || echo insert_disabled.sql; }
trigger_of() { [ "$1" = triggers ] && echo ENABLE || echo DISABLE; }

# pgbench with the variant's script; prints its whole report
bench() {
	local variant=$1
	shift
	pgbench -n -U bench_agent -M "$PROTOCOL" -D customers="$CUSTOMERS" \
		-f "$BENCH/$(script_of "$variant")" "$@" 2>&1
}

# What a run inserted, for the check below: rows, average row width, and
# whether every row carries what the trigger stamps
describe() {
	"${PSQL[@]}" -At -F ' ' <<-'SQL'
		SELECT count(*), round(avg(pg_column_size(t.*))),
		       count(*) FILTER (WHERE case_number ~ '^CASE-2026-[0-9]{6}$'
		                          AND due IS NOT NULL AND clock_start = opened_at)
		FROM ticket_sla.tickets t;
	SQL
}

# Check once that both variants insert rows alike
echo "Checking the variants (2000 tickets each) ..."
for variant in triggers disabled; do
	reset "$(trigger_of "$variant")"
	out=$(bench "$variant" -c "$CLIENTS" -j "$THREADS" -t $((2000 / CLIENTS))) || {
		printf '%s\n' "$out"
		exit 1
	}
	read -r rows width stamped < <(describe)
	printf '  %-9s %5d rows, %4d bytes a row on average, %5d stamped as expected\n' \
		"$variant" "$rows" "$width" "$stamped"
	if [ "$rows" != "$stamped" ]; then
		echo "variant $variant did not stamp every row as expected" >&2
		exit 1
	fi
done

# A round not counted: the first seconds after the start run slower
for variant in triggers disabled; do
	reset "$(trigger_of "$variant")"
	bench "$variant" -c "$CLIENTS" -j "$THREADS" -T 5 >/dev/null
done

echo "Timing: $ROUNDS rounds of ${SECS}s per variant, $CLIENTS clients, $THREADS threads, -M $PROTOCOL"
VALUES=()
for ((round = 1; round <= ROUNDS; round++)); do
	if ((round % 2)); then order=(triggers disabled); else order=(disabled triggers); fi
	for variant in "${order[@]}"; do
		reset "$(trigger_of "$variant")"
		out=$(bench "$variant" -c "$CLIENTS" -j "$THREADS" -T "$SECS") || {
			printf '%s\n' "$out"
			exit 1
		}
		tps=$(printf '%s\n' "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')
		lat=$(printf '%s\n' "$out" | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p')
		failed=$(printf '%s\n' "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
		if [ -z "$tps" ] || [ "${failed:-0}" != 0 ]; then
			printf '%s\n' "$out"
			exit 1
		fi
		printf '  round %d  %-9s %9.1f tps  %6.3f ms average latency\n' "$round" "$variant" "$tps" "$lat"
		VALUES+=("($round, '$variant', $tps)")
	done
done

# Median and best of each variant, and the ratios
"${PSQL[@]}" -v values="$(IFS=,; echo "${VALUES[*]}")" <<-'SQL'
	CREATE TEMP TABLE runs (round int, variant text, tps float8);
	INSERT INTO runs VALUES :values;
	CREATE TEMP TABLE summary AS
	SELECT variant, count(*) AS rounds,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY tps) AS median,
	       max(tps) AS best, min(tps) AS worst
	FROM runs GROUP BY variant;
	CREATE TEMP TABLE ratios AS
	SELECT t.round, t.tps / d.tps AS ratio
	FROM runs t JOIN runs d USING (round)
	WHERE t.variant = 'triggers' AND d.variant = 'disabled';
	\echo
	\echo 'Inserted tickets per second (one ticket per transaction):'
	SELECT s.variant, s.rounds, round(s.median::numeric, 1) AS "median tps",
	       round(s.best::numeric, 1) AS "best tps", round(s.worst::numeric, 1) AS "worst tps",
	       round((s.median / d.median)::numeric, 3) AS "median / disabled",
	       round((s.best / d.best)::numeric, 3) AS "best / disabled"
	FROM summary s, summary d
	WHERE d.variant = 'disabled'
	ORDER BY s.variant DESC;
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ratio) AS median,
	       format('triggers / disabled, round by round: %s%s  median %s, lowest %s, highest %s',
	              string_agg(to_char(ratio, 'FM0.00'), ' ' ORDER BY round), chr(10),
	              to_char(percentile_cont(0.5) WITHIN GROUP (ORDER BY ratio), 'FM0.000'),
	              to_char(min(ratio), 'FM0.000'), to_char(max(ratio), 'FM0.000')) AS line
	FROM ratios \gset ratio_
	\echo :ratio_line
	SELECT format('insert throughput with triggers: %s %% of without (target >= 85 %%)',
	              to_char(100 * :ratio_median, 'FM990.0')) AS line
	\gset
	\echo :line
SQL
