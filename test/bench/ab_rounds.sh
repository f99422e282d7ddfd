# ab_rounds.sh: the throughput of two variants of one pgbench workload,
# "triggers" against "disabled", measured in alternating rounds (AB BA AB
# ...), each from a fresh start; sourced by insert.sh and messages.sh.
#
# On a shared virtual machine throughput drifts by ±20 % within minutes:
# each round gives one ratio triggers / disabled from its two back-to-back
# runs, and the median of those ratios is the result (the median, best and
# worst tps of each variant are shown too).
#
# The caller defines:
#   reset VARIANT      empty tables, the triggers of VARIANT on or off
#   bench VARIANT ARGS pgbench with VARIANT's script and ARGS; prints its report
#   describe           "ROWS WIDTH AS_EXPECTED" of what a run wrote
# and sets CLIENTS, THREADS, SECS, ROUNDS, PROTOCOL, PSQL (an array), and
# WHAT (what a transaction writes, e.g. "tickets") and TARGET (the least
# percentage, for the final line).

# Check once that both variants write rows alike (2000 transactions each)
ab_check() {
	local variant out rows width expected
	echo "Checking the variants (2000 $WHAT each) ..."
	for variant in triggers disabled; do
		reset "$variant"
		out=$(bench "$variant" -c "$CLIENTS" -j "$THREADS" -t $((2000 / CLIENTS))) || {
			printf '%s\n' "$out"
			exit 1
		}
		read -r rows width expected < <(describe)
		printf '  %-9s %5d rows, %4d bytes a row on average, %5d as expected\n' \
			"$variant" "$rows" "$width" "$expected"
		if [ "$rows" != "$expected" ]; then
			echo "variant $variant did not write every row as expected" >&2
			exit 1
		fi
	done
	# a round not counted: the first seconds after the start run slower
	for variant in triggers disabled; do
		reset "$variant"
		bench "$variant" -c "$CLIENTS" -j "$THREADS" -T 5 >/dev/null
	done
}

# One timed run of a variant: "TPS LATENCY", or the report and exit
ab_run() {
	local variant=$1 out tps lat failed
	reset "$variant"
	out=$(bench "$variant" -c "$CLIENTS" -j "$THREADS" -T "$SECS") || {
		printf '%s\n' "$out" >&2
		exit 1
	}
	tps=$(printf '%s\n' "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')
	lat=$(printf '%s\n' "$out" | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p')
	failed=$(printf '%s\n' "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
	if [ -z "$tps" ] || [ "${failed:-0}" != 0 ]; then
		printf '%s\n' "$out" >&2
		exit 1
	fi
	echo "$tps $lat"
}

# The timed rounds, then the medians, the ratios and the final line
ab_rounds() {
	local values=() round order variant tps lat
	echo "Timing: $ROUNDS rounds of ${SECS}s per variant, $CLIENTS clients, $THREADS threads, -M $PROTOCOL"
	for ((round = 1; round <= ROUNDS; round++)); do
		if ((round % 2)); then order=(triggers disabled); else order=(disabled triggers); fi
		for variant in "${order[@]}"; do
			read -r tps lat < <(ab_run "$variant") || exit 1
			printf '  round %d  %-9s %9.1f tps  %6.3f ms average latency\n' "$round" "$variant" "$tps" "$lat"
			values+=("($round, '$variant', $tps)")
		done
	done
	"${PSQL[@]}" -v values="$(IFS=,; echo "${values[*]}")" -v what="$WHAT" -v target="$TARGET" <<-'SQL'
		CREATE TEMP TABLE runs (round int, variant text, tps float8);
		INSERT INTO runs VALUES :values;
		CREATE TEMP TABLE summary AS
		SELECT variant, count(*) AS rounds,
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY tps) AS median,
		       max(tps) AS best, min(tps) AS worst
		FROM runs GROUP BY variant;
		CREATE TEMP TABLE ratios AS
		SELECT t.round, t.tps / d.tps AS ratio
		FROM runs t JOIN runs d USING (round)
		WHERE t.variant = 'triggers' AND d.variant = 'disabled';
		\echo
		\echo 'Transactions per second:'
		SELECT s.variant, s.rounds, round(s.median::numeric, 1) AS "median tps",
		       round(s.best::numeric, 1) AS "best tps", round(s.worst::numeric, 1) AS "worst tps",
		       round((s.median / d.median)::numeric, 3) AS "median / disabled",
		       round((s.best / d.best)::numeric, 3) AS "best / disabled"
		FROM summary s, summary d
		WHERE d.variant = 'disabled'
		ORDER BY s.variant DESC;
		SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ratio) AS median,
		       format('triggers / disabled, round by round: %s%s  median %s, lowest %s, highest %s',
		              string_agg(to_char(ratio, 'FM0.00'), ' ' ORDER BY round), chr(10),
		              to_char(percentile_cont(0.5) WITHIN GROUP (ORDER BY ratio), 'FM0.000'),
		              to_char(min(ratio), 'FM0.000'), to_char(max(ratio), 'FM0.000')) AS line
		FROM ratios \gset ratio_
		\echo :ratio_line
		SELECT format('%s throughput with triggers: %s %% of without (target >= %s %%)',
		              :'what', to_char(100 * :ratio_median, 'FM990.0'), :'target') AS line
		\gset
		\echo :line
	SQL
}
