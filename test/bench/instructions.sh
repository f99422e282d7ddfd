#!/usr/bin/env bash
# Instructions per call of the business-time functions, counted by
# callgrind in a single-user backend: unlike timings, the counts repeat
# exactly from run to run, so small differences between versions show.
# Usage: bash test/bench/instructions.sh [rows]       (default 20000)
source "$(dirname "$0")/../lib.sh"
require_root "$@"
ROWS=${1:-20000}

source "$(dirname "$0")/callgrind.sh"

# The calendar of business_time.sh: Berlin office hours and a closed date
# every twelve days for ten years; the same start instants for every call.
CAL="Mon-Fri 09:00-18:00; tz Europe/Berlin; closed $(
	for ((d = 0; d < 3652; d += 12)); do date -u -d "2026-01-01 + $d days" +%F; done | paste -sd, | sed 's/,/, /g')"
# (single-user mode reads one statement per line).  Besides the starts, the
# ones whose 4-hour deadline falls on their own local date and the others,
# and a table of one start, whose count is the cost of the first call alone.
# VACUUM sets the hint bits, which the first scan of a table would set.
DEADLINE_DATE="(ticket_sla.business_deadline(ts, '4 hours', '$CAL') AT TIME ZONE 'Europe/Berlin')::date"
START_DATE="(ts AT TIME ZONE 'Europe/Berlin')::date"
single_user >/dev/null 2>&1 <<SQL
CREATE EXTENSION ticket_sla;
SELECT setseed(0.42);
CREATE TABLE starts AS SELECT ts, ts + random() * interval '20 days' AS ts2 FROM (SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts FROM generate_series(1, $ROWS)) AS s;
CREATE TABLE same_date AS SELECT * FROM starts WHERE $DEADLINE_DATE = $START_DATE;
CREATE TABLE later_date AS SELECT * FROM starts WHERE $DEADLINE_DATE > $START_DATE;
CREATE TABLE one_start AS SELECT * FROM starts LIMIT 1;
VACUUM FREEZE;
COPY (SELECT (SELECT count(*) FROM same_date) || ' ' || (SELECT count(*) FROM later_date)) TO '$WORK/sizes';
SQL
read -r SAME_ROWS LATER_ROWS < "$WORK/sizes"

printf '%-40s %12s %12s\n' "expression" "instr/call" "x 4 hours"
four=""
for name in "timezone('Europe/Berlin', ts)" "4 hours" "4 hours, ending the same date" \
	"4 hours, ending a later date" "400 hours" "20 days" "business_time_between"; do
	table=starts rows=$ROWS
	case "$name" in
		timezone*) expr=$name ;;
		business_time_between) expr="ticket_sla.business_time_between(ts, ts2, '$CAL')" ;;
		*same*) expr="ticket_sla.business_deadline(ts, '4 hours', '$CAL')" table=same_date rows=$SAME_ROWS ;;
		*later*) expr="ticket_sla.business_deadline(ts, '4 hours', '$CAL')" table=later_date rows=$LATER_ROWS ;;
		*) expr="ticket_sla.business_deadline(ts, '$name', '$CAL')" ;;
	esac
	per=$(per_call "$expr" $table one_start $rows)
	[ "$name" = "4 hours" ] && four=$per
	printf '%-40s %12d %12s\n' "$name" "$per" "${four:+$(awk "BEGIN { printf \"%.2f\", $per / $four }")}"
done
