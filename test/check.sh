#!/usr/bin/env bash
# Runs the test suites of ticket_sla, all of them or the parts named, and
# ends with "N passed, N failed" (exit 0 when none failed, 2 when the
# command line names something that does not exist).
# Usage: bash test/check.sh [PART [ARGUMENT ...]] ...   (as root, or a user with sudo)
#   bash test/check.sh                       every part: what CI and the README run
#   bash test/check.sh quick                 build, regress and isolation: the
#                                            quick check while developing
#   bash test/check.sh regress dst tickets   only those pg_regress suites
#   bash test/check.sh tap 003               only test/t/003_*.pl
#   bash test/check.sh --help                this text
# The parts, run in this order whatever the order they are named in:
#   lengths               no C function of src/ over 80 lines (test/function_lengths.sh)
#   meta                  META.json (PGXN) valid, its and debian/changelog's versions those of ticket_sla.control
#                         (test/meta_json.pl)
#   regress [SUITE ...]   the pg_regress suites (REGRESS of the Makefile: sql/, expected/)
#   isolation [SPEC ...]  the isolation specs (ISOLATION of the Makefile: test/isolation)
#   reference             the naive reference of sql/differential.sql against
#                         hand-worked examples (test/fixtures/reference_selfcheck.sql)
#   cron                  process_escalations run every minute by pg_cron (test/cron)
#   doctest               the examples of README.md and docs/*.md (test/doctest.pl)
#   drivers               the extension through the client drivers of BI tools and
#                         applications: JDBC (text and binary), ODBC, psycopg and
#                         node-postgres, over TCP (test/drivers)
#   israel                Israel's holidays 1990-2100 against the fixture of
#                         test/fixtures/holidays, and against ICU where Node.js has a good one
#   tap [TEST ...]        the TAP tests of test/t (test/tap.sh); TEST is a
#                         number (003: test/t/003_*.pl) or a name (003_upgrade)
#   sanitizers            regress and isolation on a build with ASan and UBSan (test/sanitize.sh)
#   fuzz                  libFuzzer on the parsers, about a minute (test/fuzz.sh)
#   quick                 regress and isolation
#   all                   every part (the default)
# A word that names a part starts it; any other word is an argument of the
# part before it (regress, isolation and tap take some; without any, the
# part runs whole).  A part, suite, spec or test that does not exist is
# refused, exit 2, before anything is installed or run.  Every run first
# installs the missing packages and builds and installs the extension
# (into the installation of PG_CONFIG); the parts that need a server share a
# throwaway cluster with pg_cron preloaded.
source "$(dirname "$0")/lib.sh"

PARTS=(lengths meta regress isolation reference cron doctest drivers israel tap sanitizers fuzz)

# The command line: the parts chosen (chosen[PART]), the suites, specs or
# tests named for regress, isolation and tap (named[PART]), and the parts
# named at least once without any (whole[PART]: they run whole)
declare -A chosen=() named=() whole=()
refuse() {
	echo "check.sh: $*" >&2
	echo "check.sh: the parts: ${PARTS[*]} quick all (bash test/check.sh --help)" >&2
	exit 2
}
part= count=0
end_part() {
	if [ -n "$part" ] && [ "$count" = 0 ]; then
		whole[$part]=1
	fi
	part= count=0
}
[ $# -gt 0 ] || set -- all
for word in "$@"; do
	case " ${PARTS[*]} quick all -h --help " in
	*" $word "*)
		end_part
		case $word in
		-h | --help)
			sed -n '2,/^source /{/^source /d;s/^# \{0,1\}//;p}' "$0"
			exit 0
			;;
		all | quick)
			for p in regress isolation $([ "$word" = quick ] || echo "${PARTS[@]}"); do
				chosen[$p]=1 whole[$p]=1
			done
			;;
		*)
			chosen[$word]=1 part=$word
			;;
		esac
		;;
	*)
		case $part in
		regress | isolation | tap)
			named[$part]="${named[$part]:-} $word"
			count=$((count + 1))
			;;
		"")
			refuse "no part named '$word'"
			;;
		*)
			refuse "no part named '$word' (and $part takes no argument)"
			;;
		esac
		;;
	esac
done
end_part
for p in regress isolation tap; do
	[ -z "${whole[$p]:-}" ] || named[$p]=
done
# the suites and specs named are the Makefile's, the tests test/t's
for p in regress isolation; do
	var=${p^^}
	known=$(makefile_list "$var")
	for word in ${named[$p]:-}; do
		grep -qxF -- "$word" <<<"$known" ||
			refuse "$p: no $([ $p = regress ] && echo suite || echo spec) named '$word' (the $var of the Makefile: $(paste -sd ' ' - <<<"$known"))"
	done
done
if [ -n "${named[tap]:-}" ]; then
	# shellcheck disable=SC2086
	refused=$(tap_test_files ${named[tap]} 2>&1 >/dev/null) || refuse "tap: $refused"
fi
chose() { [ -n "${chosen[$1]:-}" ]; }

require_root "$@"

ensure_packages "${BASE_PACKAGES[@]}" postgresql-$PG_MAJOR-cron libipc-run-perl
# The client drivers (test/drivers) and what runs them: a JDK, Python 3,
# and Node.js with npm (and the CA certificates npm needs for the registry
# over https) where there is no node or npm: a newer Node.js not from
# Debian's packages stays.  Israel's holidays do not need Node.js (a
# fixture); against a Debian 12 nodejs, whose ICU gets Hebrew dates of 2046
# wrong, the ICU check says skipped.
if chose drivers; then
	ensure_packages libpostgresql-jdbc-java openjdk-17-jdk-headless odbc-postgresql unixodbc \
		python3 python3-pyodbc python3-psycopg ca-certificates \
		$(command -v node >/dev/null || echo nodejs) $(command -v npm >/dev/null || echo npm)
fi
build_and_install
# pg_cron runs its jobs in background workers of the database "postgres";
# the client drivers connect over TCP, with a password
if chose regress || chose isolation || chose reference || chose cron || chose doctest || chose drivers ||
	chose israel; then
	start_cluster -c shared_preload_libraries=pg_cron -c cron.database_name=postgres \
		-c cron.use_background_workers=on -c max_worker_processes=16 \
		$(chose drivers && echo -c listen_addresses=127.0.0.1)
fi

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

# process_escalations run every minute by pg_cron, as docs/escalations-and-clocks.md
# shows; its session listens, and the notice held by quiet hours reaches it once
run_cron_escalations() {
	local output result held
	output=$(psql -X -q -A -t -f "$TOP/test/cron/escalations.sql" 2>&1 | grep -v '^$' || true)
	result=$(grep -v '^Asynchronous notification' <<<"$output" | tail -n 1)
	held=$(grep -c '^Asynchronous notification "ticket_sla_escalation" with payload ".*"held_until"' <<<"$output" || true)
	if [ "$result" = ok ] && [ "$held" != 1 ]; then
		result="the listener heard $held held notices, not 1"
	fi
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

# The extension through the client drivers of BI tools and applications
# (test/drivers; each file's header says what it checks): each client
# against a database of its own made by test/drivers/setup.sql, logging in
# over TCP with a password as three roles of its own (a reader, an agent
# and an admin), dropped at the end; one line per driver.
run_drivers() {
	local dir=$TOP/test/drivers out status=0 mode java
	export DRIVERS_HOST=127.0.0.1 DRIVERS_PORT=$PGPORT DRIVERS_DATABASE=ticket_sla_drivers \
		DRIVERS_PASSWORD DRIVERS_READER=drivers_reader DRIVERS_AGENT=drivers_agent \
		DRIVERS_ADMIN=drivers_admin
	DRIVERS_PASSWORD=$(cat /proc/sys/kernel/random/uuid)
	# the JVM and Node.js in another zone than the sessions': an instant
	# read in the wrong zone shows
	java=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)/bin/java
	for mode in text binary; do
		run_driver "jdbc_$mode" "$java" -Duser.timezone=America/New_York \
			-cp /usr/share/java/postgresql.jar "$dir/Jdbc.java" "$mode" "$dir/expected.properties"
	done
	run_driver odbc /usr/bin/python3 -B "$dir/odbc_driver.py"
	run_driver psycopg /usr/bin/python3 -B "$dir/psycopg_driver.py"
	# node-postgres as package-lock.json pins it, fetched trusting the
	# system's certificate store as well as Node's own (a Node.js not built
	# by Debian knows only its own)
	local system_cas=/etc/ssl/certs/ca-certificates.crt
	out=$(cd "$dir/node" && if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$system_cas" ]; then
		export NODE_EXTRA_CA_CERTS=$system_cas
	fi && npm ci --no-audit --no-fund --loglevel=error 2>&1) || status=$?
	if [ "$status" = 0 ]; then
		run_driver node_postgres env TZ=America/New_York node "$dir/node/pg_driver.mjs"
	else
		printf '%s\n' "$out" | tail -n 40
		report node_postgres "$status" "npm ci failed"
	fi
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DRIVERS_DATABASE WITH (FORCE)" \
		-c "DROP ROLE IF EXISTS $DRIVERS_READER, $DRIVERS_AGENT, $DRIVERS_ADMIN" ||
		report drivers_cleanup 1 "the database or roles of the drivers left"
}

# One client of run_drivers: NAME, then its command, run against the
# data set made afresh; reported with its summary line, or its output
run_driver() {
	local name=$1 out status=0
	shift
	out=$(PGOPTIONS='-c client_min_messages=warning' psql -X -q -d postgres \
		-c "DROP DATABASE IF EXISTS $DRIVERS_DATABASE WITH (FORCE)" -c "CREATE DATABASE $DRIVERS_DATABASE" 2>&1 &&
		psql -X -q -d "$DRIVERS_DATABASE" -v password="$DRIVERS_PASSWORD" -v reader="$DRIVERS_READER" \
			-v agent="$DRIVERS_AGENT" -v admin="$DRIVERS_ADMIN" -f "$TOP/test/drivers/setup.sql" 2>&1 &&
		"$@" 2>&1) || status=$?
	if [ "$status" = 0 ]; then
		report "$name" 0 "$(printf '%s\n' "$out" | tail -n 1)"
	else
		printf '%s\n' "$out" | tail -n 60
		report "$name" "$status"
	fi
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
# from 0.1 and 0.2, a hot standby, logical replication, security; all of
# them, or those named after tap
run_tap() {
	local status=0 tests
	read -r -a tests <<<"${named[tap]:-}"
	bash "$TOP/test/tap.sh" "${tests[@]}" || status=$?
	report tap "$status" "${tests[*]}"
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

if chose lengths; then
	run_script function_lengths function_lengths.sh '^function_lengths: '
fi
if chose meta; then
	out=$(perl "$TOP/test/meta_json.pl" 2>&1) && status=0 || status=$?
	printf '%s\n' "$out"
	report meta_json "$status"
fi
# regress and isolation: one make installcheck, with the suites and specs
# chosen (the Makefile's when named whole)
if chose regress || chose isolation; then
	make_vars=()
	for p in regress isolation; do
		if ! chose $p; then
			make_vars+=("${p^^}=")
		elif [ -n "${named[$p]:-}" ]; then
			make_vars+=("${p^^}=${named[$p]# }")
		fi
	done
	run_installcheck "$TOP" "$PG_CONFIG" "${make_vars[@]}"
fi
if chose reference; then
	run_reference_selfcheck
fi
if chose cron; then
	run_cron_escalations
fi
if chose doctest; then
	run_doctest
fi
if chose drivers; then
	run_drivers
fi
if chose israel; then
	run_israel
	run_israel_icu
fi
if chose tap; then
	run_tap
fi
# the suites and specs once more, on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer
if chose sanitizers; then
	run_script sanitizers sanitize.sh '^sanitizers: '
fi
# libFuzzer (with ASan and UBSan) on the calendar and contract parsers, the
# arithmetic and the iCalendar reader, about a minute
if chose fuzz; then
	run_script fuzz fuzz.sh 'executions|kept'
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
