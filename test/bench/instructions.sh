#!/usr/bin/env bash
# Instructions per call of the business-time functions, counted by
# callgrind in a single-user backend: unlike timings, the counts repeat
# exactly from run to run, so small differences between versions show.
# Usage: bash test/bench/instructions.sh [rows]       (default 20000)
source "$(dirname "$0")/../lib.sh"
require_root "$@"
ROWS=${1:-20000}

ensure_packages "${BASE_PACKAGES[@]}" valgrind
build_and_install

WORK=$(mktemp -d /tmp/ticket_sla_instr.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chown postgres: "$WORK"
BINDIR=$("$PG_CONFIG" --bindir)
runuser -u postgres -- "$BINDIR/initdb" -D "$WORK/data" -A trust -U postgres --no-sync >/dev/null

single_user() {
	runuser -u postgres -- "$@" "$BINDIR/postgres" --single -D "$WORK/data" postgres
}

# The calendar of business_time.sh: Berlin office hours and a closed date
# every twelve days for ten years; the same start instants for every call.
CAL="Mon-Fri 09:00-18:00; tz Europe/Berlin; closed $(
	for ((d = 0; d < 3652; d += 12)); do date -u -d "2026-01-01 + $d days" +%F; done | paste -sd, | sed 's/,/, /g')"
# (single-user mode reads one statement per line)
single_user >/dev/null 2>&1 <<SQL
CREATE EXTENSION ticket_sla;
SELECT setseed(0.42);
CREATE TABLE starts AS SELECT ts, ts + random() * interval '20 days' AS ts2 FROM (SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts FROM generate_series(1, $ROWS)) AS s;
SQL

count() {
	echo "SELECT count($1) FROM starts;" > "$WORK/query.sql"
	single_user valgrind --tool=callgrind --callgrind-out-file=/dev/null < "$WORK/query.sql" 2>&1 |
		sed -n 's/.*Collected : //p'
}

scan=$(count ts)
printf '%-32s %12s %12s\n' "expression" "instr/call" "x 4 hours"
four=""
for name in "timezone('Europe/Berlin', ts)" "4 hours" "400 hours" "20 days" "business_time_between"; do
	case "$name" in
		timezone*) expr=$name ;;
		business_time_between) expr="ticket_sla.business_time_between(ts, ts2, '$CAL')" ;;
		*) expr="ticket_sla.business_deadline(ts, '$name', '$CAL')" ;;
	esac
	per=$(( ($(count "$expr") - scan) / ROWS ))
	[ "$name" = "4 hours" ] && four=$per
	printf '%-32s %12d %12s\n' "$name" "$per" "${four:+$(awk "BEGIN { printf \"%.2f\", $per / $four }")}"
done
