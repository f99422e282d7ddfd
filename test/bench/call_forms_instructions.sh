#!/usr/bin/env bash
# Instructions per call of business_deadline and response_deadline in the
# forms of call_forms.sh (a literal calendar; a small one, one of 330 closed
# dates stored compressed and the same stored out of line, each read from a
# table column; a contract from a joined ticket_sla.contracts), counted by
# callgrind in a single-user backend, as instructions.sh does: the counts
# repeat exactly from run to run, unlike timings on a loaded machine.
# Usage: bash test/bench/call_forms_instructions.sh [rows]   (default 20000)
source "$(dirname "$0")/../lib.sh"
require_root "$@"
ROWS=${1:-20000}

source "$(dirname "$0")/callgrind.sh"

# The calendar of call_forms.sh: Berlin office hours and 330 closed dates,
# one every eleven days from 2026-01-01
CAL="Mon-Fri 09:00-18:00; tz Europe/Berlin; closed $(
	for ((i = 0; i < 330; i++)); do date -u -d "2026-01-01 + $((11 * i)) days" +%F; done | paste -sd, | sed 's/,/, /g')"
SMALL="Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26"
# (single-user mode reads one statement per line).  A table of one start,
# whose count is the cost of the first call alone; VACUUM sets the hint bits.
single_user >/dev/null 2>&1 <<SQL
CREATE EXTENSION ticket_sla;
SELECT setseed(0.42);
CREATE TABLE starts AS SELECT ts, 1 AS office_id, 1 AS contract_id, 'critical'::ticket_sla.severity AS severity FROM (SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts FROM generate_series(1, $ROWS)) AS s;
CREATE TABLE one_start AS SELECT * FROM starts LIMIT 1;
CREATE TABLE small_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
CREATE TABLE large_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
CREATE TABLE external_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
ALTER TABLE external_office ALTER COLUMN cal SET STORAGE EXTERNAL;
INSERT INTO small_office VALUES (1, '$SMALL');
INSERT INTO large_office VALUES (1, '$CAL');
INSERT INTO external_office VALUES (1, '$CAL');
INSERT INTO ticket_sla.contracts (contract_id, name, terms) VALUES (1, 'bench', 'hours ($CAL); critical: respond within 4 business hours');
VACUUM FREEZE;
ANALYZE;
COPY (SELECT (SELECT pg_column_compression(cal) FROM large_office) || ' ' || (SELECT pg_column_compression(terms) FROM ticket_sla.contracts)) TO '$WORK/compression';
SQL
echo "compression of the large calendar and of the contract: $(cat "$WORK/compression")"

printf '%-48s %12s %14s\n' "form" "instr/call" "x timezone()"
base=""
for name in "timezone('Europe/Berlin', ts)" "literal calendar" "small calendar from a column" \
	"330-date calendar from a column (compressed)" "contract from a joined column (compressed)" \
	"330-date calendar from a column (out of line)"; do
	join=""
	case "$name" in
		timezone*) expr=$name ;;
		literal*) expr="ticket_sla.business_deadline(ts, '4 hours', '$CAL')" ;;
		small*) expr="ticket_sla.business_deadline(ts, '4 hours', cal)" join="JOIN small_office USING (office_id)" ;;
		330*compressed*) expr="ticket_sla.business_deadline(ts, '4 hours', cal)" join="JOIN large_office USING (office_id)" ;;
		contract*) expr="ticket_sla.response_deadline(ts, severity, terms)" join="JOIN ticket_sla.contracts USING (contract_id)" ;;
		330*out*) expr="ticket_sla.business_deadline(ts, '4 hours', cal)" join="JOIN external_office USING (office_id)" ;;
	esac
	per=$(per_call "$expr" "starts $join" "one_start $join" $ROWS)
	[ -z "$base" ] && base=$per
	printf '%-48s %12d %14s\n' "$name" "$per" "$(awk "BEGIN { printf \"%.2f\", $per / $base }")"
done
