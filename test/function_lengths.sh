#!/usr/bin/env bash
# The longest C functions of src/, and whether any is longer than the limit.
# Usage: bash test/function_lengths.sh [LIMIT [COUNT]]     (default 80 lines, 10 shown)
# Prints "LINES FILE:LINE NAME" for the COUNT longest, longest first, then
# "function_lengths: N over LIMIT lines"; exits non-zero when N > 0.
#
# A function's length is counted from the line of its name to its closing
# brace, in PostgreSQL's layout (pgindent): the name at column 0, the body's
# braces at column 0, the parameter list ending in ")" on the line before
# the opening brace.  Needs no server, no build.
set -euo pipefail
LIMIT=${1:-80}
COUNT=${2:-10}
cd "$(dirname "$0")/.."
lengths=$(find src -name '*.c' | sort | xargs awk '
	FNR == 1 { sig = 0; infn = 0 }
	/^[A-Za-z_][A-Za-z0-9_]*\(/ && !infn { sig = FNR; name = $0; sub(/\(.*/, "", name) }
	/;[ \t]*$/ && !infn { sig = 0 }
	/^\{/ && sig && prev ~ /\)[ \t]*$/ { start = sig; fname = name; infn = 1 }
	/^\}/ && infn { print FNR - start + 1, FILENAME ":" start, fname; infn = 0; sig = 0 }
	{ prev = $0 }' | sort -rn)
# awk, not head: head would stop reading before printf is done, and the
# SIGPIPE would fail the pipeline (pipefail) when the list outgrows a pipe
printf '%s\n' "$lengths" | awk -v count="$COUNT" 'NR <= count'
over=$(printf '%s\n' "$lengths" | awk -v limit="$LIMIT" '$1 > limit' | wc -l)
echo "function_lengths: $(printf '%s\n' "$lengths" | wc -l) functions, $over over $LIMIT lines"
[ "$over" = 0 ]
