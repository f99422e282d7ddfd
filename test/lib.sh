# test/lib.sh: what the demo, the test suite and the benchmarks share.
# Sourced, not run.  Everything here works on a fresh Debian 12 machine as
# root: missing packages are installed, the extension is built and installed,
# and a throwaway PostgreSQL cluster runs as the unprivileged user postgres
# (the server refuses to run as root).

set -euo pipefail

# A UTF-8 locale whatever the caller's: a fresh Debian 12 (debootstrap, the
# container images) sets no LANG, and in the C locale initdb makes SQL_ASCII
# databases and psql counts bytes, not characters, so the suites' expected
# output (Zürich, the Hebrew holiday names) would not match.  C.UTF-8 is
# built into Debian 12's libc; it sorts and formats as C does otherwise.
export LC_ALL=C.UTF-8
unset LANGUAGE

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=15
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
BASE_PACKAGES=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR make gcc libc6-dev)

# Re-run the calling script as root (via sudo) when it was started by a user.
require_root() {
	if [ "$(id -u)" != 0 ]; then
		exec sudo --preserve-env=PG_CONFIG bash "$0" "$@"
	fi
}

# Install the named Debian packages that are not installed yet.
ensure_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "Installing ${missing[*]} ..."
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
}

build_and_install() {
	local ext
	ext="$("$PG_CONFIG" --sharedir)/extension"
	make -C "$TOP" -s PG_CONFIG="$PG_CONFIG" >/dev/null
	# the install script of a version installed before is no longer current
	# (only 0.1's and the current one's are installed, with the updates)
	find "$ext" -maxdepth 1 -name 'ticket_sla--*.sql' ! -name 'ticket_sla--*--*.sql' \
		! -name 'ticket_sla--0.1.sql' -delete 2>/dev/null || true
	make -C "$TOP" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# Start a cluster in a fresh temporary directory; exports PGHOST, PGPORT,
# PGUSER and PGDATABASE for the clients, and stops it when the script exits.
# Its socket (in the directory, root's and postgres's only) trusts every
# user; a connection over TCP, where a caller's options listen on
# 127.0.0.1 (-c listen_addresses=127.0.0.1, for the client drivers), needs
# a role's password.  The port is one nobody listens on at 127.0.0.1.
start_cluster() {
	local bindir
	bindir=$("$PG_CONFIG" --bindir)
	CLUSTER_DIR=$(mktemp -d /tmp/ticket_sla.XXXXXX)
	chown postgres: "$CLUSTER_DIR"
	runuser -u postgres -- "$bindir/initdb" -D "$CLUSTER_DIR/data" --auth-local=trust \
		--auth-host=scram-sha-256 -U postgres --no-sync --no-instructions >/dev/null
	PGPORT=$((20000 + RANDOM % 20000))
	while (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do
		PGPORT=$((20000 + RANDOM % 20000))
	done
	runuser -u postgres -- "$bindir/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
		-o "-k $CLUSTER_DIR -p $PGPORT -c listen_addresses='' -c fsync=off $*" start >/dev/null
	export PGHOST=$CLUSTER_DIR PGPORT PGUSER=postgres PGDATABASE=postgres
	trap stop_cluster EXIT
}

stop_cluster() {
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
		runuser -u postgres -- "$("$PG_CONFIG" --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
		rm -rf "$CLUSTER_DIR"
	fi
}

# A timing benchmark: build, start a cluster without parallel workers or JIT
# (so that every query runs alike) and run the benchmark's SQL file with the
# psql variable rows.  Usage: run_timing_sql FILE ROWS
run_timing_sql() {
	ensure_packages "${BASE_PACKAGES[@]}"
	build_and_install
	start_cluster -c shared_buffers=512MB -c max_parallel_workers_per_gather=0 -c jit=off
	psql -qX -v ON_ERROR_STOP=1 -v rows="$2" -f "$1"
}

# What the test scripts count: tests passed and failed, reported by
# report and run_installcheck.
passed=0
failed=0

# One line for a test that is not a pg_regress suite, counted: NAME, then
# whether it passed (0 or not, as an exit status), then what to add in brackets.
report() {
	local name=$1 status=$2 detail=${3:+ ($3)}
	if [ "$status" = 0 ]; then
		printf 'test %-26s ... ok%s\n' "$name" "$detail"
		passed=$((passed + 1))
	else
		printf 'test %-26s ... FAILED%s\n' "$name" "$detail"
		failed=$((failed + 1))
	fi
}

# make installcheck (the pg_regress suites, then the isolation specs) of the
# tree DIR with pg_config CONFIG: one line per test, "ok" or "FAILED",
# counted; on failure the differences.  Make variables given after CONFIG
# choose suites (REGRESS="dst tickets", ISOLATION= for none of the specs).
# Usage: run_installcheck DIR CONFIG [VARIABLE=VALUE ...]
run_installcheck() {
	local dir=$1 config=$2 out status=0 diffs
	shift 2
	# no differences of an earlier run shown as this one's
	rm -f "$dir/regression.diffs" "$dir/output_iso/regression.diffs"
	out=$(make -C "$dir" -s PG_CONFIG="$config" "$@" installcheck 2>&1) || status=$?
	printf '%s\n' "$out"
	passed=$((passed + $(printf '%s\n' "$out" | grep -cE '\.\.\. ok|^ok ' || true)))
	failed=$((failed + $(printf '%s\n' "$out" | grep -cE '\.\.\. FAILED|^not ok ' || true)))
	if [ "$status" != 0 ]; then
		# a run that failed without naming a failed test failed all the same
		if ! printf '%s\n' "$out" | grep -qE '\.\.\. FAILED|^not ok '; then
			failed=$((failed + 1))
		fi
		for diffs in "$dir/regression.diffs" "$dir/output_iso/regression.diffs"; do
			if [ -f "$diffs" ]; then
				head -n 200 "$diffs"
			fi
		done
	fi
}

# The value of the make variable NAME (REGRESS, ISOLATION) as the Makefile of
# the tree sets it, its continuation lines joined: read from the file, so
# that no PostgreSQL needs to be installed.  Usage: makefile_list NAME
makefile_list() {
	awk -v name="$1" '
		{ while (/\\$/ && (getline more) > 0) { sub(/\\$/, ""); $0 = $0 " " more } }
		$0 ~ "^" name "[ \t]*[+:]?=" { sub(/^[^=]*=/, ""); printf "%s ", $0 }' "$TOP/Makefile" |
		xargs -r -n 1 echo
}

# The TAP tests (test/t/*.pl) that ARGS name, one path a line: a number
# (003 or 3: test/t/003_*.pl), a name (003_upgrade or 003_upgrade.pl) or a
# path; every test when there is no argument.  An argument that names no
# test is refused on stderr, and the function fails.
# Usage: tap_test_files [ARG ...]
tap_test_files() {
	local arg found
	if [ $# = 0 ]; then
		printf '%s\n' "$TOP"/test/t/*.pl
		return
	fi
	for arg in "$@"; do
		found=
		if [[ "$arg" =~ ^[0-9]+$ ]]; then
			found=$(compgen -G "$TOP/test/t/$(printf '%03d' "$((10#$arg))")_*.pl" | head -n 1) || true
		elif [[ "$arg" != */* ]] && [ -f "$TOP/test/t/${arg%.pl}.pl" ]; then
			found=$TOP/test/t/${arg%.pl}.pl
		elif [[ "$arg" == *.pl ]] && [ -f "$arg" ]; then
			found=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")
		fi
		if [ -z "$found" ]; then
			echo "no TAP test '$arg' in test/t (the tests: $(cd "$TOP/test/t" && ls -- *.pl | paste -sd ' ' -))" >&2
			return 1
		fi
		printf '%s\n' "$found"
	done
}
