#!/usr/bin/env bash
# Builds the libFuzzer harnesses of test/fuzz (clang, AddressSanitizer,
# UndefinedBehaviorSanitizer, leak detection on) and runs each for
# FUZZ_SECONDS (default 13: about a minute and a quarter in all, with the
# build, on two cores), from a copy of its corpus in test/fuzz/corpus and
# with its dictionary.  One line per harness: executions and result; exits
# non-zero on any crash, leak, timeout or sanitizer report.
# Usage: bash test/fuzz.sh     (as root, or a user with sudo)
#
# The work happens in a temporary directory, removed afterwards unless a
# harness fails (its log and the input that failed stay there) or FUZZ_KEEP=1
# (to run the built harnesses by hand: see the top of each harness).  The
# repository's corpus is never written to.  A finding goes into the corpus
# and into sql/fuzz_findings.sql by hand, as the harnesses' headers say.
#
# fuzz_calendar, fuzz_contract and fuzz_deadline run the extension's own
# sources without a server, on test/fuzz/pg_shim.c (memory contexts, ereport,
# lists, dates) and test/fuzz/tz_shim.c (synthetic time zones); fuzz_ical
# needs neither.
source "$(dirname "$0")/lib.sh"
require_root "$@"

ensure_packages clang libclang-rt-14-dev "postgresql-server-dev-$PG_MAJOR"

FUZZ_SECONDS=${FUZZ_SECONDS:-13}
WORK=$(mktemp -d /tmp/ticket_sla_fuzz.XXXXXX)
FAILED=0
finish() {
	if [ "$FAILED" != 0 ] || [ -n "${FUZZ_KEEP:-}" ]; then
		echo "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap finish EXIT

SANITIZE=-fsanitize=address,undefined
CFLAGS=(-g -O1 -fno-sanitize-recover=all -Wall -Wextra -Wno-unused-parameter
	-Wno-ignored-attributes -isystem "$("$PG_CONFIG" --includedir-server)"
	-I "$TOP/src" -I "$TOP/test/fuzz")
PG_LIBS=("$("$PG_CONFIG" --pkglibdir)/libpgcommon.a" "$("$PG_CONFIG" --pkglibdir)/libpgport.a")

# What each harness links besides its own file (paths below the top)
SHIM="test/fuzz/pg_shim.c test/fuzz/tz_shim.c"
PARSERS="src/calendar/calendar.c src/common/scan.c src/holidays/holidays.c src/holidays/hebrew.c src/common/civil_date.c"
declare -A SOURCES=(
	[ical]="src/holidays/ical.c src/holidays/ical_reader.c src/holidays/ical_recurrence.c src/common/civil_date.c"
	[calendar]="test/fuzz/literal_round_trip.c $SHIM $PARSERS"
	[contract]="test/fuzz/literal_round_trip.c $SHIM $PARSERS src/contract/contract.c src/contract/term_sets.c"
	[deadline]="$SHIM $PARSERS src/holidays/holiday_dates.c src/engine/zone.c src/engine/days.c src/engine/walker.c src/engine/business_time.c"
)
declare -A DICTS=([ical]=ical [calendar]=calendar [contract]=contract [deadline]=calendar)
HARNESSES=(ical calendar contract deadline)

# Every source once, to an object for every harness that needs it
compile_all() {
	local f
	for f in $(printf '%s\n' "${SOURCES[@]}" | tr ' ' '\n' | sort -u) \
		$(printf 'test/fuzz/fuzz_%s.c\n' "${HARNESSES[@]}"); do
		echo "$f"
	done | xargs -P 2 -I{} sh -c 'clang "$@" -c -o "'"$WORK"'/obj/$(echo {} | tr / _).o" "'"$TOP"'/{}"' \
		_ "${CFLAGS[@]}" "$SANITIZE" -fsanitize=fuzzer-no-link
}

link_harness() {
	local name=$1 objs=() f
	for f in "test/fuzz/fuzz_$name.c" ${SOURCES[$name]}; do
		objs+=("$WORK/obj/$(echo "$f" | tr / _).o")
	done
	clang "$SANITIZE" -fsanitize=fuzzer -o "$WORK/fuzz_$name" "${objs[@]}" "${PG_LIBS[@]}"
}

# Run one harness; prints its line, returns non-zero when it failed
run_harness() {
	local name=$1 log="$WORK/fuzz_$1.log" runs seeds=()
	mkdir -p "$WORK/corpus/$name" "$WORK/artifacts"
	cp -r "$TOP/test/fuzz/corpus/$name/." "$WORK/corpus/$name/"
	# the iCalendar exports of the tests are seeds too (read, never written)
	[ "$name" = ical ] && seeds=("$TOP/test/fixtures/ical")
	if "$WORK/fuzz_$name" -dict="$TOP/test/fuzz/${DICTS[$name]}.dict" \
		-max_total_time="$FUZZ_SECONDS" -timeout=20 -print_final_stats=1 \
		-artifact_prefix="$WORK/artifacts/$name-" \
		"$WORK/corpus/$name" "${seeds[@]}" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		printf '%-14s %10s executions in %s s: ok\n' "fuzz_$name" "$runs" "$FUZZ_SECONDS"
	else
		printf '%-14s FAILED: see %s and %s\n' "fuzz_$name" "$log" "$WORK/artifacts"
		grep -E '^(SUMMARY|==[0-9]+==ERROR)' "$log" | head -n 3
		return 1
	fi
}

mkdir -p "$WORK/obj"
compile_all
for name in "${HARNESSES[@]}"; do
	link_harness "$name"
done
for name in "${HARNESSES[@]}"; do
	run_harness "$name" || FAILED=1
done
exit "$FAILED"
