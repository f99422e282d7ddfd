#!/usr/bin/env bash
# Throughput of opening tickets through the stamping trigger, against
# inserting the same rows into the same table with the trigger disabled.
# Target: with the trigger, at least 90 % of the throughput without it,
# measured in one run.
#
# Usage: bash test/bench/insert.sh [seconds per run] [rounds]   (default 10 10)
#        CLIENTS=4 THREADS=2 PROTOCOL=prepared CUSTOMERS=100 (environment;
#        run as root to set them: require_root's sudo keeps only PG_CONFIG)
# Takes about 2 * rounds * (seconds + 1) + 20 s, plus the build: about 4
# minutes by default.
# Besides the table, the final line: "tickets throughput with triggers: NN %
# of without (target >= 90 %)".
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

# An empty table and sequence, the trigger on (variant triggers) or off,
# nothing to write back
reset() {
	local trigger
	[ "$1" = triggers ] && trigger=ENABLE || trigger=DISABLE
	"${PSQL[@]}" <<-SQL
		TRUNCATE ticket_sla.tickets CASCADE;
		ALTER SEQUENCE ticket_sla.case_number_seq RESTART;
		ALTER TABLE ticket_sla.tickets ${trigger} TRIGGER stamp;
		VACUUM ANALYZE ticket_sla.tickets;
		CHECKPOINT;
	SQL
}

# pgbench with the variant's script; prints its whole report
bench() {
	local variant=$1
	shift
	pgbench -n -U bench_agent -M "$PROTOCOL" -D customers="$CUSTOMERS" \
		-f "$BENCH/insert_$variant.sql" "$@" 2>&1
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

WHAT=tickets
TARGET=90
source "$BENCH/ab_rounds.sh"
ab_check
ab_rounds
