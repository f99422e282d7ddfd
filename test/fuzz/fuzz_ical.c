/*
 * fuzz_ical.c: libFuzzer harness for ical_all_day_dates() (src/holidays/ical*.c).
 *
 * From the repository's top directory (Debian: apt-get install clang):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       -I src -o /tmp/fuzz_ical test/fuzz/fuzz_ical.c src/holidays/ical*.c \
 *       src/common/civil_date.c
 *   /tmp/fuzz_ical -dict=test/fuzz/ical.dict -max_total_time=60 \
 *       test/fuzz/corpus/ical test/fixtures/ical
 *
 * The input is handed over as it is (not NUL-terminated: ASan catches any
 * read past its end).  Besides crashes, the harness aborts when
 *	- a date is outside 1000-01-01 .. 9999-12-31, or outside the range given;
 *	- a summary is longer than ICAL_SUMMARY_MAX - 1 bytes;
 *	- a result is inconsistent: success with a problem set, failure without
 *	  a problem, a message or line, or a message without its NUL;
 *	- the input is read without a range successfully but with a range not,
 *	  or with other dates than those of the first read within the range.
 */
#include "holidays/ical.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEEP (ICAL_MAX_DAYS + 1)

typedef struct Seen
{
	const IcalRange *range;
	long		n;
	int		   *days;			/* KEEP entries */
} Seen;

static int	days_all[KEEP];
static int	days_ranged[KEEP];

static void
check_day(int day, const char *summary, void *arg)
{
	Seen	   *s = arg;

	if (day < ICAL_FIRST_DAY || day > ICAL_LAST_DAY)
		abort();
	if (s->range && (day < s->range->first_day || day > s->range->last_day))
		abort();
	if (strlen(summary) > ICAL_SUMMARY_MAX - 1)
		abort();
	if (s->n >= KEEP)
		abort();				/* more than ICAL_MAX_DAYS emitted */
	s->days[s->n++] = day;
}

static void
check_result(bool ok, const IcalError *err)
{
	size_t		len = strnlen(err->message, sizeof(err->message));

	if (len == sizeof(err->message))
		abort();
	if (ok && err->problem != ICAL_OK)
		abort();
	if (!ok && (err->problem == ICAL_OK || err->problem > ICAL_LIMIT ||
				len == 0 || err->line < 1))
		abort();
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 2026-01-01 .. 2028-12-31 */
	static const IcalRange range = {9497, 10592};
	Seen		all = {NULL, 0, days_all};
	Seen		ranged = {&range, 0, days_ranged};
	IcalError	err;
	bool		ok_all;
	bool		ok_ranged;
	long		i,
				j;

	ok_all = ical_all_day_dates((const char *) data, size, NULL, check_day, &all, &err);
	check_result(ok_all, &err);
	ok_ranged = ical_all_day_dates((const char *) data, size, &range, check_day, &ranged, &err);
	check_result(ok_ranged, &err);

	if (ok_all)
	{
		if (!ok_ranged)
			abort();
		for (i = 0, j = 0; i < all.n; i++)
		{
			if (all.days[i] < range.first_day || all.days[i] > range.last_day)
				continue;
			if (j >= ranged.n || ranged.days[j] != all.days[i])
				abort();
			j++;
		}
		if (j != ranged.n)
			abort();
	}
	return 0;
}
