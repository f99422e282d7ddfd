#!/usr/bin/env bash
# Runs the pg_regress suites and the isolation specs (make installcheck)
# against ticket_sla built with AddressSanitizer and UndefinedBehaviorSanitizer,
# and fails on any sanitizer report or server crash.  Ends with
# "sanitizers: N passed, N failed".
# Usage: bash test/sanitize.sh, or make check-sanitizers     (as root, or a user with sudo)
#
# How it works.  The system's installation of PostgreSQL (and of ticket_sla
# in it) is left alone: it is copied into a temporary directory, where its
# binaries and its pg_config find their lib and share directories relative to
# themselves.  A copy of the working tree is built there with
# -fsanitize=address,undefined and installed into that copy only.  The
# normal build wraps signed overflow (PostgreSQL compiles with -fwrapv); this
# one is built with -fno-wrapv, so that an overflow is undefined and reported.
# The server itself is not instrumented: ASan's runtime is preloaded
# (LD_PRELOAD, with test/sanitize/early_init.c) into the postmaster of a
# throwaway cluster of the copy, and every backend inherits it; UBSan's
# runtime comes with the library.
#
# Reading a report.  The sanitizers write to the server's stderr, that is its
# log, never to the client.  A report aborts the backend: its statement fails,
# and so does whatever runs while the server restarts.  The script prints the
# log from the first report on: "==PID==ERROR: AddressSanitizer: <kind>"
# (stack-buffer-overflow, global-buffer-overflow, heap-use-after-free, SEGV,
# ...) with the faulty access's stack (frame #0 is where it happened, as
# src/FOLDER/FILE.c:LINE), then what the memory was; or, from
# UndefinedBehaviorSanitizer, "src/FOLDER/FILE.c:LINE:COL: runtime error: <what>"
# and its stack.  Then comes the server's "terminated by signal 6: Aborted"
# and "Failed process was running: <statement>".
#
# What ASan does not see: palloc carves small chunks out of large malloc'd
# blocks, so an overrun that stays within a memory context's block goes
# unnoticed; stack and global arrays, and chunks of more than 8 kB (each a
# block of its own), are checked.
source "$(dirname "$0")/lib.sh"
require_root "$@"

# gcc brings the sanitizers' runtimes (libasan8 and libubsan1, by libgcc-12-dev)
ensure_packages "${BASE_PACKAGES[@]}"

# float-cast-overflow: gcc's "undefined" leaves it out
SANITIZE_FLAGS="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-wrapv -fno-omit-frame-pointer -g -O1"
ASAN_LIB=$(readlink -f "$(gcc -print-file-name=libasan.so)")
# detect_leaks=0: the server keeps some memory to its end on purpose.
# abort_on_error=1: a report ends the backend with SIGABRT, which the
# postmaster logs as a crash.  detect_stack_use_after_return=0 (the default,
# made sure of): errors (ereport) longjmp out of our frames, which that
# check's fake stack frames do not follow.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_stack_use_after_return=0
# (test/sanitize/early_init.c hands these to UBSan)
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
# what a report or a crash leaves in the server's log (a backend that dies
# takes the others with it: "terminating any other active server processes")
REPORT_PATTERN='AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|runtime error:|^SUMMARY: |terminated by signal|terminating any other active server processes'

WORK=$(mktemp -d /tmp/ticket_sla_sanitize.XXXXXX)
chmod 755 "$WORK"
PG_COPY=$WORK/pg
BUILD=$WORK/build
CLUSTER=$WORK/cluster
SERVER_LOG=$CLUSTER/server.log

cleanup() {
	if [ -f "$CLUSTER/data/postmaster.pid" ]; then
		runuser -u postgres -- "$BINDIR/pg_ctl" -D "$CLUSTER/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

# The relocated copy of the installation: the same tree under $PG_COPY, the
# server's headers by a link to the system's.
pg_lib=$(dirname "$("$PG_CONFIG" --bindir)")
pg_share=$("$PG_CONFIG" --sharedir)
pg_include=$("$PG_CONFIG" --includedir)
mkdir -p "$PG_COPY$(dirname "$pg_lib")" "$PG_COPY$(dirname "$pg_share")" "$PG_COPY$(dirname "$pg_include")"
cp -a "$pg_lib" "$PG_COPY$pg_lib"
cp -a "$pg_share" "$PG_COPY$pg_share"
ln -s "$pg_include" "$PG_COPY$pg_include"
COPY_CONFIG=$PG_COPY$pg_lib/bin/pg_config
BINDIR=$PG_COPY$pg_lib/bin
# make install below must not reach the system's installation
for dir in pkglibdir sharedir; do
	if [[ "$("$COPY_CONFIG" --$dir)" != "$PG_COPY"/* ]]; then
		echo "the copy of PostgreSQL in $PG_COPY is not relocated: its $dir is $("$COPY_CONFIG" --$dir)" >&2
		exit 1
	fi
done

# The working tree, built out of place (the suites read test/ from the
# current directory, so a copy is simpler than a VPATH build); without the
# LLVM bitcode, as the cluster runs without JIT.
mkdir "$BUILD"
(cd "$TOP" && tar -c --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
	Makefile ./*.control ./*.sql src sql expected test) | tar -x -C "$BUILD"
if ! { make -C "$BUILD" -s -j2 PG_CONFIG="$COPY_CONFIG" with_llvm=no COPT="$SANITIZE_FLAGS" &&
	make -C "$BUILD" -s PG_CONFIG="$COPY_CONFIG" with_llvm=no install; } >"$WORK/build.log" 2>&1; then
	cat "$WORK/build.log"
	echo "sanitizers: the sanitized build failed"
	exit 1
fi
gcc -shared -fPIC -O2 -Wall -o "$WORK/early_init.so" "$TOP/test/sanitize/early_init.c"

mkdir "$CLUSTER"
chown postgres: "$CLUSTER"
runuser -u postgres -- "$BINDIR/initdb" -D "$CLUSTER/data" -A trust -U postgres \
	--no-sync --no-instructions >/dev/null
PGPORT=$((20000 + RANDOM % 20000))
# early_init.so: see test/sanitize/early_init.c (without it the server hangs
# at start, and UBSan ignores its options)
if ! runuser -u postgres -- env LD_PRELOAD="$ASAN_LIB $WORK/early_init.so" \
	ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
	"$BINDIR/pg_ctl" -D "$CLUSTER/data" -l "$SERVER_LOG" -w \
	-o "-k $CLUSTER -p $PGPORT -c listen_addresses='' -c fsync=off -c jit=off" start >/dev/null; then
	cat "$SERVER_LOG"
	echo "sanitizers: the server did not start"
	exit 1
fi
export PGHOST=$CLUSTER PGPORT PGUSER=postgres PGDATABASE=postgres

# A backend maps the sanitized library of the copy and ASan's runtime: the
# suites below test what they should.
maps=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -c "LOAD 'ticket_sla'" \
	-c "SELECT pg_read_file('/proc/self/maps')") || true
if grep -qF "$PG_COPY$pg_lib/lib/ticket_sla.so" <<<"$maps" && grep -qF "$ASAN_LIB" <<<"$maps"; then
	report sanitized_build_loaded 0
else
	report sanitized_build_loaded 1 "no $PG_COPY$pg_lib/lib/ticket_sla.so or $ASAN_LIB in the backend"
fi

# pg_regress suites and isolation specs: one line per test, "ok" or "FAILED"
run_installcheck "$BUILD" "$COPY_CONFIG"

# the server stopped first, so that its log is complete
runuser -u postgres -- "$BINDIR/pg_ctl" -D "$CLUSTER/data" -m fast -w stop >/dev/null || true
first=$(grep -n -m 1 -E "$REPORT_PATTERN" "$SERVER_LOG" | cut -d: -f1 || true)
if [ -z "$first" ]; then
	report sanitizer_reports 0 "none, no crash"
else
	echo "=== the server's log from its first sanitizer report or crash (line $first), 100 lines"
	sed -n "$first,$((first + 99))p" "$SERVER_LOG"
	report sanitizer_reports 1 "$(grep -cE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$SERVER_LOG") reports, $(grep -c 'terminating any other active server processes' "$SERVER_LOG") crashes"
fi

echo "sanitizers: $passed passed, $failed failed"
[ "$failed" = 0 ]
