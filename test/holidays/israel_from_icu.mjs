#!/usr/bin/env node
/*
 * israel_from_icu.mjs
 *	Israel's (IL) rest days for 1990..2100 worked out from ICU's Hebrew
 *	calendar alone, to check src/hebrew.c (the arithmetic calendar) against.
 *
 * What it compares: every civil day of each Gregorian year is given its
 * Hebrew date by Intl.DateTimeFormat('en-u-ca-hebrew') (Node built with full
 * ICU, the default).  The days that are 1 and 2 Tishri (ראש השנה), 10 Tishri,
 * 15 Tishri, 22 Tishri, 15 Nisan, 21 Nisan and 6 Sivan make the list, with
 * 5 Iyar moved by the Yom HaAtzmaut rule (Friday or Saturday -> the Thursday
 * before; Monday -> Tuesday from 2004), as in the section "Israel IL" of the
 * holiday specification.  Entries are ordered by day.  The list given is
 * compared with it entry by entry, names byte for byte.
 *
 * Usage:
 *	node israel_from_icu.mjs [--years=1990-2100] [FILE]
 *		Compare FILE (default: stdin) with the ICU list.  Exit status 0 when
 *		identical, 1 with each difference printed, 2 on bad input or usage.
 *	node israel_from_icu.mjs --print [--years=1990-2100]
 *		Print the ICU list as "YYYY-MM-DD<TAB>name" lines.
 *	node israel_from_icu.mjs --probe
 *		Check this Node's ICU on a few known days (PROBES below) and say so:
 *		exit status 0 when it gets them all right, 3 when it has no Hebrew
 *		calendar or gets one wrong (the ICU 72 of Debian 12's nodejs puts
 *		15 Nisan 5806 and 1 Tishri 5807 a day late), with the reason printed.
 *		test/check.sh compares with ICU only after this probe passes; its
 *		oracle is the fixture israel_1990_2100.tsv, which needs no Node.
 *
 * Input: one holiday a line, a day and a name separated by a tab or "|"
 * (as psql -At prints them) and nothing else: the name is taken to the end
 * of the line, as it is.  The day is a date YYYY-MM-DD or a day number since
 * 2000-01-01 (as in struct Holiday).  Blank lines are skipped.
 *
 * To check src/hebrew.c, from the repository root:
 *
 *	cat > /tmp/il_list.c <<'EOF'
 *	#include <stdio.h>
 *	#include "holidays.h"
 *	int main(void)
 *	{
 *		Holiday h[HOLIDAYS_PER_YEAR_MAX];
 *		for (int y = HOLIDAY_FIRST_YEAR; y <= HOLIDAY_LAST_YEAR; y++)
 *			for (int i = 0, n = israeli_holidays_in_year(y, h); i < n; i++)
 *				printf("%d\t%s\n", h[i].day, h[i].name);
 *		return 0;
 *	}
 *	EOF
 *	cc -std=c99 -Wall -Wextra -Isrc -o /tmp/il_list /tmp/il_list.c src/hebrew.c &&
 *	/tmp/il_list | node test/holidays/israel_from_icu.mjs
 */
import { readFileSync } from 'node:fs';

const DAY_MS = 86400000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

/* The spec's rules in its order: [ICU month, day of month, name] */
const RULES = [
	['Tishri', 1, 'ראש השנה'],
	['Tishri', 2, 'ראש השנה'],
	['Tishri', 10, 'יום הכיפורים'],
	['Tishri', 15, 'סוכות'],
	['Tishri', 22, 'שמיני עצרת'],
	['Nisan', 15, 'פסח'],
	['Nisan', 21, 'שביעי של פסח'],
	['Iyar', 5, 'יום העצמאות'],
	['Sivan', 6, 'שבועות'],
];
const INDEPENDENCE_DAY = 'יום העצמאות';

/*
 * Known days for --probe: [civil day, Hebrew day, month, year], as
 * @hebcal/core 6.9.3 gives them (and israel_1990_2100.tsv lists them).
 */
const PROBES = [
	['2000-09-30', 1, 'Tishri', 5761],
	['2024-04-23', 15, 'Nisan', 5784],
	['2046-04-21', 15, 'Nisan', 5806],
	['2046-10-01', 1, 'Tishri', 5807],
	['2100-10-04', 1, 'Tishri', 5861],
];
const MONDAY_RULE_FROM = 2004;

function usage(message) {
	console.error(`israel_from_icu.mjs: ${message}`);
	console.error('usage: node israel_from_icu.mjs [--print | --probe] [--years=FIRST-LAST] [FILE]');
	process.exit(2);
}

function isoDate(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/* Yom HaAtzmaut: the civil day (ms) of 5 Iyar, moved */
function independenceDay(ms, year) {
	switch (new Date(ms).getUTCDay()) {
		case 5: return ms - DAY_MS;				/* Friday -> Thursday */
		case 6: return ms - 2 * DAY_MS;			/* Saturday -> Thursday */
		case 1: return year >= MONDAY_RULE_FROM ? ms + DAY_MS : ms;	/* Monday -> Tuesday */
		default: return ms;
	}
}

function hebrewFormat() {
	return new Intl.DateTimeFormat('en-u-ca-hebrew', {
		year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC',
	});
}

/* --probe: exit 0 when ICU gets every known day right, else 3 */
function probe() {
	const fmt = hebrewFormat();
	const icu = `ICU ${process.versions.icu ?? '(none)'} of Node ${process.version}`;
	if (fmt.resolvedOptions().calendar !== 'hebrew') {
		console.log(`${icu} has no Hebrew calendar`);
		process.exit(3);
	}
	for (const [day, d, month, year] of PROBES) {
		const parts = fmt.formatToParts(new Date(`${day}T00:00:00Z`));
		const got = ['day', 'month', 'year'].map((t) => parts.find((p) => p.type === t).value).join(' ');
		if (got !== `${d} ${month} ${year}`) {
			console.log(`${icu} puts ${day} on ${got}, not ${d} ${month} ${year}`);
			process.exit(3);
		}
	}
	console.log(`${icu} gets the ${PROBES.length} known days right`);
	process.exit(0);
}

/* The expected list, as "YYYY-MM-DD<TAB>name" lines, and the days scanned */
function icuList(first, last) {
	const fmt = hebrewFormat();
	if (fmt.resolvedOptions().calendar !== 'hebrew')
		usage('this Node has no ICU Hebrew calendar (needs full ICU)');

	const entries = [];			/* [ms, rule index, name] */
	let scanned = 0;
	for (let year = first; year <= last; year++) {
		const end = Date.UTC(year + 1, 0, 1);
		for (let ms = Date.UTC(year, 0, 1); ms < end; ms += DAY_MS, scanned++) {
			const parts = fmt.formatToParts(new Date(ms));
			const month = parts.find((p) => p.type === 'month').value;
			const day = Number(parts.find((p) => p.type === 'day').value);
			RULES.forEach(([m, d, name], rule) => {
				if (m !== month || d !== day)
					return;
				const when = name === INDEPENDENCE_DAY ? independenceDay(ms, year) : ms;
				if (new Date(when).getUTCFullYear() === year)
					entries.push([when, rule, name]);
			});
		}
	}
	entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	return { lines: entries.map(([ms, , name]) => `${isoDate(ms)}\t${name}`), scanned };
}

/* The given list as "YYYY-MM-DD<TAB>name" lines */
function parseList(text) {
	const lines = [];
	text.split('\n').forEach((raw, i) => {
		const line = raw.replace(/\r$/, '');
		if (line.trim() === '')
			return;
		const m = /^(\d{4}-\d{2}-\d{2}|-?\d+)[\t|](.*)$/.exec(line);
		if (!m)
			usage(`line ${i + 1}: expected "day<TAB>name", got ${JSON.stringify(line)}`);
		const ms = m[1].includes('-', 1) ? Date.parse(`${m[1]}T00:00:00Z`)
			: EPOCH_2000 + Number(m[1]) * DAY_MS;
		if (Number.isNaN(ms))
			usage(`line ${i + 1}: bad date ${m[1]}`);
		lines.push(`${isoDate(ms)}\t${m[2]}`);
	});
	return lines;
}

/* Entries of a that b lacks, counting repeats */
function without(a, b) {
	const left = new Map();
	for (const x of b)
		left.set(x, (left.get(x) ?? 0) + 1);
	return a.filter((x) => {
		const n = left.get(x) ?? 0;
		left.set(x, n - 1);
		return n <= 0;
	});
}

let print = false;
let first = 1990;
let last = 2100;
let file = null;
for (const arg of process.argv.slice(2)) {
	let m;
	if (arg === '--print')
		print = true;
	else if (arg === '--probe')
		probe();
	else if ((m = /^--years=(\d{4})-(\d{4})$/.exec(arg)) && +m[1] <= +m[2])
		[first, last] = [+m[1], +m[2]];
	else if (!arg.startsWith('--') && file === null)
		file = arg;
	else
		usage(`bad argument ${arg}`);
}

const expected = icuList(first, last);
if (print) {
	process.stdout.write(expected.lines.map((l) => `${l}\n`).join(''));
	process.exit(0);
}

const given = parseList(readFileSync(file ?? 0, 'utf8'));
const missing = without(expected.lines, given);
const unexpected = without(given, expected.lines);
for (const l of missing)
	console.log(`missing:    ${l}`);
for (const l of unexpected)
	console.log(`unexpected: ${l}`);
if (missing.length === 0 && unexpected.length === 0) {
	const i = given.findIndex((l, k) => l !== expected.lines[k]);
	if (i >= 0)
		console.log(`out of order at entry ${i + 1}: ${given[i]} (expected ${expected.lines[i]})`);
	else {
		console.log(`identical: ${given.length} holidays in ${first}..${last} ` +
			`(${expected.scanned} civil days scanned with ICU ${process.versions.icu})`);
		process.exit(0);
	}
}
process.exit(1);
