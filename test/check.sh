#!/usr/bin/env bash
# Runs every test suite of ticket_sla and ends with "N passed, N failed".
# Usage: bash test/check.sh     (as root, or a user with sudo)
source "$(dirname "$0")/lib.sh"
require_root "$@"

# no nodejs: Israel's holidays are checked against a fixture (run_israel),
# and Debian 12's nodejs has an ICU that gets Hebrew dates of 2046 wrong
ensure_packages "${BASE_PACKAGES[@]}" postgresql-$PG_MAJOR-cron libipc-run-perl
build_and_install
# pg_cron runs its jobs in background workers of the database "postgres"
start_cluster -c shared_preload_libraries=pg_cron -c cron.database_name=postgres \
	-c cron.use_background_workers=on -c max_worker_processes=16

# The naive reference of the differential test, checked on its own against
# hand-worked examples, so that agreeing with it means something.
run_reference_selfcheck() {
	local summary
	summary=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -f "$TOP/test/fixtures/reference_selfcheck.sql" 2>&1 | tail -n 1)
	if [[ "$summary" =~ ^[0-9]+\|0$ ]]; then
		report reference_selfcheck 0 "$summary checks|failures"
	else
		psql -X -q -f "$TOP/test/fixtures/reference_selfcheck.sql" 2>&1 | grep -E 'FAIL|ERROR' | head -n 20
		report reference_selfcheck 1 "$summary"
	fi
}

# process_escalations run every minute by pg_cron, as the README shows
run_cron_escalations() {
	local result
	result=$(psql -X -q -A -t -f "$TOP/test/cron/escalations.sql" 2>&1 | grep -v '^$' | tail -n 1)
	if [ "$result" = ok ]; then
		report cron_escalations 0
	else
		report cron_escalations 1 "$result"
	fi
}

# Every example of README.md (and docs/*.md) run, and what psql prints
# compared with what the page shows (test/doctest.pl): one line per page,
# the blocks skipped by name, and on failure each mismatch
run_doctest() {
	local out status=0
	out=$(PG_CONFIG="$PG_CONFIG" perl "$TOP/test/doctest.pl" 2>&1) || status=$?
	if [ "$status" = 0 ]; then
		printf '%s\n' "$out" | grep -E '^  skipped: ' || true
	else
		printf '%s\n' "$out" | grep -v '^  not SQL' | head -n 200
	fi
	report doctest "$status" "$(printf '%s\n' "$out" | grep -E '^doctest ' | sed -E 's/^doctest //' | paste -sd ';' -)"
}

# Israel's holidays as the extension lists them, 1990 to 2100, against the
# fixture test/fixtures/holidays/israel_1990_2100.tsv (made by @hebcal/core, an
# independent implementation of the Hebrew calendar; its header says how):
# psql and diff, no Node needed.
run_israel() {
	local fixture=$TOP/test/fixtures/holidays/israel_1990_2100.tsv diffs status=0
	diffs=$(diff <(grep -v '^#' "$fixture") <(psql -X -q -A -t -F $'\t' -d postgres -v ON_ERROR_STOP=1 \
		-c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS ticket_sla" \
		-c "SELECT to_char(day, 'YYYY-MM-DD'), name FROM ticket_sla.holidays('IL', 1990, 2100)" 2>&1)) ||
		status=$?
	if [ "$status" = 0 ]; then
		report israel_holidays 0 "$(grep -vc '^#' "$fixture") days as in the fixture"
	else
		printf '%s\n' "$diffs" | head -n 20
		report israel_holidays 1 "< fixture, > extension"
	fi
}

# The same list against ICU's Hebrew calendar (Node.js's Intl), where there
# is a Node whose ICU gets a few known days right (--probe): a second
# oracle on CI's machine; skipped, not failed, elsewhere (Debian 12's own
# nodejs has ICU 72, which puts Pesach and Rosh Hashana of 2046 a day late).
run_israel_icu() {
	local result status=0
	if ! command -v node >/dev/null; then
		printf 'test %-26s ... skipped (no node on this machine)\n' israel_from_icu
		return
	fi
	if ! result=$(node "$TOP/test/fixtures/holidays/israel_from_icu.mjs" --probe 2>&1); then
		printf 'test %-26s ... skipped (%s)\n' israel_from_icu "$(printf '%s' "$result" | head -n 1)"
		return
	fi
	result=$(psql -X -q -A -t -d postgres -v ON_ERROR_STOP=1 \
		-c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS ticket_sla" \
		-c "SELECT day, name FROM ticket_sla.holidays('IL', 1990, 2100)" |
		node "$TOP/test/fixtures/holidays/israel_from_icu.mjs" 2>&1) || status=$?
	if [ "$status" = 0 ]; then
		report israel_from_icu 0 "$result"
	else
		printf '%s\n' "$result" | head -n 20
		report israel_from_icu 1
	fi
}

# The TAP tests (test/t): crash recovery, dump and restore, the updates
# from 0.1 and 0.2, a hot standby, logical replication, security
run_tap() {
	local status=0
	bash "$TOP/test/tap.sh" || status=$?
	report tap "$status"
}

# A test script of test/ run quietly: NAME, SCRIPT, and the pattern of the
# lines of its output to show; its last 150 lines as well when it fails.
run_script() {
	local name=$1 script=$2 shown=$3 out status=0
	out=$(bash "$TOP/test/$script" 2>&1) || status=$?
	printf '%s\n' "$out" | grep -E "$shown" || true
	[ "$status" = 0 ] || printf '%s\n' "$out" | tail -n 150
	report "$name" "$status"
}

run_installcheck "$TOP" "$PG_CONFIG"
run_reference_selfcheck
run_cron_escalations
run_doctest
run_israel
run_israel_icu
run_tap
# the suites and specs once more, on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer
run_script sanitizers sanitize.sh '^sanitizers: '
# libFuzzer (with ASan and UBSan) on the calendar and contract parsers, the
# arithmetic and the iCalendar reader, about a minute
run_script fuzz fuzz.sh 'executions|kept'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
