#!/usr/bin/env bash
# Runs the TAP tests of test/t (PostgreSQL::Test::Cluster): crash recovery,
# dump and restore, the updates from 0.1 and 0.2, a hot standby, logical
# replication and security (hostile objects, pre-created objects, the
# catalogs' privileges, what each role may do).  Ends with prove's summary;
# exits non-zero when a test fails.
# Usage: bash test/tap.sh [TEST ...]     (as root, or a user with sudo)
#   TEST: a number (003 or 3 runs test/t/003_*.pl), a name (003_upgrade) or
#   a path (test/t/003_upgrade.pl); every test of test/t when none is given.
#   A TEST that names no test is refused (exit 2) before anything runs.
#
# The tests run as the unprivileged user postgres (initdb refuses root), in
# a temporary directory that is removed afterwards; PG_TEST_NOCLEAN=1 keeps
# it (with every node's data directory and log) and prints where it is;
# PG_TEST_TIMEOUT_DEFAULT (seconds) bounds each wait; PROVE_FLAGS=-v shows
# every test's lines.
source "$(dirname "$0")/lib.sh"
# the tests, found before anything is installed or run
test_list=$(tap_test_files "$@") || exit 2
require_root "$@"

ensure_packages "${BASE_PACKAGES[@]}" libipc-run-perl
# the tests use the extension installed on this machine; install it when it
# is missing (a fresh machine), but do not overwrite an installed build
if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/ticket_sla.control" ]; then
	build_and_install
fi

BINDIR=$("$PG_CONFIG" --bindir)
PGXS_DIR=$(dirname "$(dirname "$("$PG_CONFIG" --pgxs)")")/..
PERL_DIR=$(cd "$PGXS_DIR/src/test/perl" && pwd)
PG_REGRESS_BIN=$(cd "$PGXS_DIR/src/test/regress" && pwd)/pg_regress

WORK=$(mktemp -d /tmp/ticket_sla_tap.XXXXXX)
chown postgres: "$WORK"
cleanup() {
	if [ -n "${PG_TEST_NOCLEAN:-}" ]; then
		echo "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

mapfile -t tests <<<"$test_list"

# The library of version 0.1, built from the last commit before 0.2 (when
# the history is at hand), for 003_upgrade.pl to run a database of 0.1 on
# the library of 0.1 before moving it to the installed one.  Nothing is
# installed: the test binds the functions to this file by its path.
build_library_0_1() {
	local commit dir="$WORK/lib-0.1"
	command -v git >/dev/null && git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1 || return 1
	commit=$(git -C "$TOP" log --format=%H -S"default_version = '0.2'" -- ticket_sla.control | tail -n 1)
	[ -n "$commit" ] || return 1
	mkdir -p "$dir"
	git -C "$TOP" archive "$commit^" | tar -x -C "$dir" || return 1
	grep -q "default_version = '0.1'" "$dir/ticket_sla.control" || return 1
	make -C "$dir" -s -j2 PG_CONFIG="$PG_CONFIG" >"$dir/build.log" 2>&1 || return 1
	chmod -R a+rX "$dir"
	echo "$dir/ticket_sla.so"
}
LIB_0_1=$(build_library_0_1) || { LIB_0_1=; echo "(no library of 0.1 built: 003_upgrade.pl runs 0.1 on the installed library)"; }

# a clean environment for the tests: the nodes' binaries first on PATH, the
# PostgreSQL::Test modules and pg_regress (Cluster.pm's init runs its
# --config-auth) from the server's development package
envs=(HOME="$WORK" TMPDIR="$WORK" TESTDIR="$WORK"
	PATH="$BINDIR:/usr/local/bin:/usr/bin:/bin"
	PERL5LIB="$PERL_DIR:$TOP/test/t/lib"
	PG_REGRESS="$PG_REGRESS_BIN" LANG=C.UTF-8)
[ -n "${PG_TEST_NOCLEAN:-}" ] && envs+=(PG_TEST_NOCLEAN=1)
[ -n "$LIB_0_1" ] && envs+=(TICKET_SLA_LIB_0_1="$LIB_0_1")
# how long a test waits for a node (catch-up, subscription sync, psql); 180 s unless set
[ -n "${PG_TEST_TIMEOUT_DEFAULT:-}" ] && envs+=(PG_TEST_TIMEOUT_DEFAULT="$PG_TEST_TIMEOUT_DEFAULT")

set +e
( cd "$WORK" && runuser -u postgres -- env -i "${envs[@]}" \
	prove --timer ${PROVE_FLAGS:-} "${tests[@]}" ) 2>&1 | tee "$WORK/prove.out"
status=${PIPESTATUS[0]}
set -e

# the failing tests' own logs (prove shows only the TAP stream)
if [ "$status" != 0 ]; then
	for t in $(sed -n 's/^\(\S*\.pl\) (Wstat.*/\1/p' "$WORK/prove.out"); do
		log="$WORK/tmp_check/log/regress_log_$(basename "$t" .pl)"
		if [ -f "$log" ]; then
			echo "=== $log: errors, then its last 40 lines"
			grep -n -E -A3 'error running|^not ok|ERROR|Bail out|died|Failed test' "$log" | head -n 60 || true
			echo "---"
			tail -n 40 "$log"
		fi
	done
fi
exit "$status"
