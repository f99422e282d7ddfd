# test/bench/callgrind.sh: what the instruction counts (instructions.sh,
# call_forms_instructions.sh) share.  Sourced after lib.sh: builds and
# installs the extension, makes a data directory in $WORK (removed on exit)
# for single-user backends, and defines single_user, count and per_call.

ensure_packages "${BASE_PACKAGES[@]}" valgrind
build_and_install

WORK=$(mktemp -d /tmp/ticket_sla_instr.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chown postgres: "$WORK"
BINDIR=$("$PG_CONFIG" --bindir)
runuser -u postgres -- "$BINDIR/initdb" -D "$WORK/data" -A trust -U postgres --no-sync >/dev/null

# A single-user backend reading statements, one a line, from stdin; any
# arguments go before it (valgrind and its options)
single_user() {
	runuser -u postgres -- "$@" "$BINDIR/postgres" --single -D "$WORK/data" postgres
}

# The instructions of SELECT count(EXPR) FROM FROM.  Usage: count EXPR FROM
count() {
	echo "SELECT count($1) FROM $2;" > "$WORK/query.sql"
	single_user valgrind --tool=callgrind --callgrind-out-file=/dev/null < "$WORK/query.sql" 2>&1 |
		sed -n 's/.*Collected : //p'
}

# The cost of one more call: what the expression adds to a query over ROWS
# rows (FROM), less what it adds to the same query over one row (ONE_FROM:
# loading the library, preparing the calendar).
# Usage: per_call EXPR FROM ONE_FROM ROWS
per_call() {
	local expr=$1 from=$2 one_from=$3 rows=$4
	local first=$(( $(count "$expr" "$one_from") - $(count ts "$one_from") ))

	echo $(( ($(count "$expr" "$from") - $(count ts "$from") - first) / (rows - 1) ))
}
