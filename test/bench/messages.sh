#!/usr/bin/env bash
# Throughput of recording messages (ticket_sla.messages) through the
# triggers that keep the tickets' clocks, against writing the same rows
# with the triggers disabled.  Target: with the triggers, at least 90 % of
# the throughput without them, measured in one run.
#
# Usage: bash test/bench/messages.sh [seconds per run] [rounds]   (default 10 10)
#        CLIENTS=4 THREADS=2 PROTOCOL=prepared TICKETS=10000 (environment;
#        run as root to set them: require_root's sudo keeps only PG_CONFIG)
# Takes about 2 * rounds * (seconds + 3) + 30 s, plus the build.
# Besides the table, the final line: "messages throughput with triggers: NN %
# of without (target >= 90 %)".
#
# messages.sql seeds a plan with reply and update targets on Berlin business
# hours and 100 customers; each run starts from TICKETS open tickets,
# answered once.  pgbench (-n, CLIENTS clients, as bench_agent, a member of
# ticket_sla_agent) then records one message per transaction on a random
# ticket, from the customer or an agent at random:
#   triggers  messages_triggers.sql: the message alone; record_message
#             keeps the ticket's reply and update clocks (a customer's
#             message arms the reply clock, an agent's answers it and starts
#             the update clock again), the ticket's trigger stamps their
#             deadlines (business time) and its next event, and
#             record_segments writes the stretches and cycles that end
#   disabled  messages_disabled.sql, with record_message, stamp and
#             record_segments disabled: one statement writes the message,
#             the same columns of the ticket (the deadlines as plain values)
#             and the same rows of clock_segments and target_cycles
# Both variants run in alternating rounds (test/bench/ab_rounds.sh).
#
# The figure compares ticket_sla's work with an application writing the
# same state itself.  Against a bare insert of the message alone (nothing
# on the ticket), the triggers run at about 40 %: every message but a
# customer's repeated one updates its ticket (docs/benchmarks.md).
source "$(dirname "$0")/../lib.sh"
require_root "$@"
SECS=${1:-10}
ROUNDS=${2:-10}
CLIENTS=${CLIENTS:-4}
THREADS=${THREADS:-2}
PROTOCOL=${PROTOCOL:-prepared}
TICKETS=${TICKETS:-10000}
BENCH="$TOP/test/bench"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster -c shared_buffers=512MB -c max_wal_size=16GB -c checkpoint_timeout=1h \
	-c autovacuum=off -c jit=off -c max_connections=$((CLIENTS + 20))

PSQL=(psql -qX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c 'CREATE EXTENSION ticket_sla' -f "$BENCH/messages.sql"

# Fresh tickets, no message, the triggers of the variant on or off
reset() {
	local state
	[ "$1" = triggers ] && state=ENABLE || state=DISABLE
	"${PSQL[@]}" <<-SQL
		SET client_min_messages = warning;
		TRUNCATE ticket_sla.tickets, ticket_sla.messages, ticket_sla.clock_segments,
			ticket_sla.target_cycles, ticket_sla.target_events RESTART IDENTITY CASCADE;
		ALTER TABLE ticket_sla.tickets ENABLE TRIGGER stamp;
		ALTER TABLE ticket_sla.tickets ENABLE TRIGGER record_segments;
		CALL fill_tickets($TICKETS);
		ALTER TABLE ticket_sla.messages ${state} TRIGGER record_message;
		ALTER TABLE ticket_sla.tickets ${state} TRIGGER stamp;
		ALTER TABLE ticket_sla.tickets ${state} TRIGGER record_segments;
		VACUUM ANALYZE ticket_sla.tickets, ticket_sla.messages;
		CHECKPOINT;
	SQL
}

bench() {
	local variant=$1
	shift
	pgbench -n -U bench_agent -M "$PROTOCOL" -D tickets="$TICKETS" \
		-f "$BENCH/messages_$variant.sql" "$@" 2>&1
}

# What a run wrote: messages, their average width, and how many left their
# ticket as expected (an agent's: no reply owed, the update clock from it)
describe() {
	"${PSQL[@]}" -At -F ' ' <<-'SQL'
		SELECT count(*), round(avg(pg_column_size(m.*))),
		       count(*) FILTER (WHERE m.author = 'customer'
		                           OR (t.awaiting_reply_since IS NULL OR t.awaiting_reply_since >= m.sent_at)
		                          AND t.update_from >= m.sent_at)
		FROM ticket_sla.messages m JOIN ticket_sla.tickets t USING (ticket_id);
	SQL
}

WHAT=messages
TARGET=90
source "$BENCH/ab_rounds.sh"
ab_check
ab_rounds
