/*
 * business_time.c
 *		Adding and measuring business time under a calendar.
 *
 * The open time of a calendar is the union, over all dates, of the images
 * in UTC of each date's local ranges (its "open" ranges if it has some, none
 * if it is closed, else the weekly ranges of its weekday).  A range belongs
 * to the date it starts on, even when it runs overnight.
 *
 * Everything is built on one walker that hands out the open spans in order,
 * forward or backward.  Long stretches are not walked: whole weeks of plain
 * weekly hours, with no dated exception and no change of UTC offset nearby,
 * hold exactly week_open of open time each and are skipped arithmetically,
 * and dated exceptions are found by binary search.
 */
#include "postgres.h"

#include "utils/datetime.h"

#include "business_time.h"

#define WEEK_USECS		(CAL_DAYS_PER_WEEK * USECS_PER_DAY)

/*
 * The dates the arithmetic works in: the years 1000 to 9999, as in calendar
 * literals (days since 2000-01-01).
 */
#define FIRST_SUPPORTED_DAY		(-365242)
#define LAST_SUPPORTED_DAY		2921939

/*
 * A plain shift between local time and UTC is exact further than this from a
 * change of offset; whole weeks are skipped only inside such stretches.
 */
#define SKIP_ZONE_MARGIN_USECS	(6 * USECS_PER_DAY)
/* Days around skipped weeks that must be free of dated exceptions. */
#define SKIP_DATE_MARGIN_DAYS	3

static void
report_no_open_time(TimestampTz from, int dir)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("calendar has no open time %s %s within the supported years 1000 to 9999",
					dir > 0 ? "after" : "before", timestamptz_to_str(from))));
}

/* ---------- dates ---------- */

/* Index of the first dated exception on or after day (n_dates if none). */
static int
first_date_from(const BizCalendar *bc, int32 day)
{
	int			lo = 0;
	int			hi = bc->cal->n_dates;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (bc->dates[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The ranges that belong to day; returns how many there are. */
static int
day_ranges(const BizCalendar *bc, int32 day, const CalRange **ranges)
{
	int			i = first_date_from(bc, day);
	int			w;

	if (i < bc->cal->n_dates && bc->dates[i].day == day)
	{
		*ranges = bc->ranges + bc->dates[i].first;
		return bc->dates[i].count;
	}
	w = calendar_weekday(day);
	*ranges = bc->ranges + bc->cal->week_first[w];
	return bc->cal->week_first[w + 1] - bc->cal->week_first[w];
}

static bool
is_business_date(const BizCalendar *bc, int32 day)
{
	const CalRange *ranges;

	return day_ranges(bc, day, &ranges) > 0;
}

/* With no weekly hours, only "open" dates are business dates. */
static bool
next_open_date(const BizCalendar *bc, int32 day, int dir, int32 *result)
{
	int			i = first_date_from(bc, dir > 0 ? day + 1 : day) - (dir > 0 ? 0 : 1);

	while (i >= 0 && i < bc->cal->n_dates && bc->dates[i].count == 0)
		i += dir;
	if (i < 0 || i >= bc->cal->n_dates)
		return false;
	*result = bc->dates[i].day;
	return true;
}

/* The nearest business date strictly after (dir > 0) or before day. */
static bool
next_business_date(const BizCalendar *bc, int32 day, int dir, int32 *result)
{
	if (bc->open_weekdays == 0)
		return next_open_date(bc, day, dir, result);
	do
	{
		day += dir;
		if (day < FIRST_SUPPORTED_DAY || day > LAST_SUPPORTED_DAY)
			return false;
	} while (!is_business_date(bc, day));
	*result = day;
	return true;
}

/* How many whole weeks follow day (in direction dir) with no dated exception. */
static int64
plain_weeks_after(const BizCalendar *bc, int32 day, int dir)
{
	int			i = first_date_from(bc, dir > 0 ? day + 1 : day) - (dir > 0 ? 0 : 1);
	int64		free_days;

	if (i >= 0 && i < bc->cal->n_dates)
		free_days = (int64) (bc->dates[i].day - day) * dir - 1;
	else
		free_days = dir > 0 ? LAST_SUPPORTED_DAY - day : day - FIRST_SUPPORTED_DAY;
	return free_days / CAL_DAYS_PER_WEEK;
}

/* The n-th business date after (dir > 0) or before day, n >= 1. */
static int32
nth_business_date(const BizCalendar *bc, int32 day, int64 n, int dir, TimestampTz from)
{
	while (n > 0)
	{
		if (bc->open_weekdays > 0 && n > bc->open_weekdays)
		{
			int64		weeks = Min((n - 1) / bc->open_weekdays,
									plain_weeks_after(bc, day, dir));

			day += dir * CAL_DAYS_PER_WEEK * weeks;
			n -= weeks * bc->open_weekdays;
		}
		if (!next_business_date(bc, day, dir, &day))
			report_no_open_time(from, dir);
		n--;
	}
	return day;
}

/* ---------- local time ---------- */

static TimestampTz
date_time_to_utc(BizCalendar *bc, int32 day, int32 secs)
{
	return zone_local_to_utc(&bc->zone, (int64) day * CAL_SECS_PER_DAY + secs);
}

/* The local date on which instant t falls. */
static int32
local_date_of(BizCalendar *bc, TimestampTz t)
{
	int64		local = t + (int64) zone_offset_at(&bc->zone, t) * USECS_PER_SEC;
	int64		day = local / USECS_PER_DAY;

	if (local < 0 && day * USECS_PER_DAY != local)
		day--;
	return (int32) day;
}

/*
 * A bound, in walk order, on the instants of the local times from midnight
 * of day onward (dir > 0) or before midnight of day (dir < 0).  Exact where
 * the offset is steady, else off by at most the largest possible offset.
 */
static TimestampTz
walk_order_bound(BizCalendar *bc, int32 day, int dir)
{
	int64		local = (int64) day * CAL_SECS_PER_DAY;
	TimestampTz utc;

	if (zone_local_to_utc_if_steady(&bc->zone, local, &utc))
		return dir * utc;
	return dir * (local * USECS_PER_SEC) - ZONE_MAX_OFFSET_USECS;
}

/* ---------- the walker ---------- */

static void
walker_push(BizWalker *w, TimestampTz lo, TimestampTz hi)
{
	Span		span;
	int			i;

	if (w->dir > 0)
	{
		span.lo = lo;
		span.hi = hi;
	}
	else
	{
		span.lo = -hi;
		span.hi = -lo;
	}
	if (w->head + w->n == w->cap)
	{
		if (w->head > 0)
			memmove(w->buf, w->buf + w->head, w->n * sizeof(Span));
		else
		{
			Span	   *bigger = palloc(2 * w->cap * sizeof(Span));

			memcpy(bigger, w->buf, w->n * sizeof(Span));
			if (w->buf != w->inline_buf)
				pfree(w->buf);
			w->buf = bigger;
			w->cap *= 2;
		}
		w->head = 0;
	}
	/* spans arrive almost sorted: insertion from the end */
	for (i = w->head + w->n; i > w->head && w->buf[i - 1].lo > span.lo; i--)
		w->buf[i] = w->buf[i - 1];
	w->buf[i] = span;
	w->n++;
}

/* No span not yet expanded starts, in walk order, before the frontier. */
static void
walker_set_frontier(BizWalker *w)
{
	if (!w->days_left)
		w->frontier = DT_NOEND;
	else if (w->dir > 0)
		w->frontier = walk_order_bound(w->bc, w->next_day, 1);
	else
		/* ranges of next_day end before the midnight two days on */
		w->frontier = walk_order_bound(w->bc, w->next_day + 2, -1);
}

static void
walker_expand_day(BizWalker *w)
{
	BizCalendar *bc = w->bc;
	int32		day = w->next_day;
	const CalRange *ranges;
	int			n = day_ranges(bc, day, &ranges);
	int			i;

	for (i = 0; i < n; i++)
	{
		TimestampTz lo = date_time_to_utc(bc, day, ranges[i].start);
		TimestampTz hi = date_time_to_utc(bc, day, ranges[i].end);

		/* a range inside a spring-forward gap can map to nothing */
		if (lo < hi)
			walker_push(w, lo, hi);
	}
	w->days_left = next_business_date(bc, day, w->dir, &w->next_day);
	walker_set_frontier(w);
}

/*
 * Start walking at instant at.  Ranges of earlier dates can reach past
 * midnight, so the walk starts a few dates back: one where the offset is
 * steady, more near a change of offset.
 */
void
biz_walker_start(BizWalker *w, BizCalendar *bc, TimestampTz at, int dir)
{
	int32		day = local_date_of(bc, at);
	bool		steady = zone_steady_between(&bc->zone, at - 3 * USECS_PER_DAY,
											 at + 3 * USECS_PER_DAY);
	int32		first;

	if (dir > 0)
		first = day - (steady ? 1 : 3);
	else
		first = day + (steady ? 0 : 2);

	w->bc = bc;
	w->dir = dir;
	w->done_to = DT_NOBEGIN;
	w->head = 0;
	w->n = 0;
	w->cap = WALKER_INLINE_SPANS;
	w->buf = w->inline_buf;
	w->next_day = first;
	w->days_left = is_business_date(bc, first) ||
		next_business_date(bc, first, dir, &w->next_day);
	walker_set_frontier(w);
}

/* The next open span in walk order; false when there is none. */
bool
biz_walker_next(BizWalker *w, Span *span)
{
	for (;;)
	{
		Span		next;
		TimestampTz lo;

		while (w->days_left && (w->n == 0 || w->buf[w->head].lo > w->frontier))
			walker_expand_day(w);
		if (w->n == 0)
			return false;
		next = w->buf[w->head++];
		w->n--;
		lo = Max(next.lo, w->done_to);
		if (next.hi <= lo)
			continue;
		w->done_to = next.hi;
		span->lo = lo;
		span->hi = next.hi;
		return true;
	}
}

/* ---------- skipping whole weeks ---------- */

/*
 * How many whole weeks, starting at c (walk order), can be skipped: their
 * open time is exactly week_open each, because the weekly hours alone apply
 * (no dated exception within a few days) and one UTC offset holds
 * throughout.  At most max_weeks.
 */
static int64
skippable_weeks(BizCalendar *bc, TimestampTz c, int dir, int64 max_weeks)
{
	TimestampTz at = dir * c;
	ZoneCursor *zone = &bc->zone;
	int32		day;
	int			i;
	int64		weeks = max_weeks;

	/*
	 * One offset from before the first to after the last skipped week: load
	 * the segment holding the near end, and stay inside it.
	 */
	zone_offset_at(zone, at - dir * SKIP_ZONE_MARGIN_USECS);
	if (dir > 0 && zone->seg_hi != DT_NOEND)
		weeks = Min(weeks, (zone->seg_hi - SKIP_ZONE_MARGIN_USECS - at) / WEEK_USECS);
	else if (dir < 0)
		weeks = Min(weeks, (at - SKIP_ZONE_MARGIN_USECS - zone->seg_lo) / WEEK_USECS);

	/* no dated exception near the skipped dates, and within the years */
	day = local_date_of(bc, at);
	if (dir > 0)
	{
		i = first_date_from(bc, day - SKIP_DATE_MARGIN_DAYS);
		if (i < bc->cal->n_dates)
			weeks = Min(weeks, ((int64) bc->dates[i].day - day - SKIP_DATE_MARGIN_DAYS - 1) / CAL_DAYS_PER_WEEK);
		weeks = Min(weeks, ((int64) LAST_SUPPORTED_DAY - day) / CAL_DAYS_PER_WEEK - 1);
	}
	else
	{
		i = first_date_from(bc, day + SKIP_DATE_MARGIN_DAYS + 1) - 1;
		if (i >= 0)
			weeks = Min(weeks, ((int64) day - bc->dates[i].day - SKIP_DATE_MARGIN_DAYS - 1) / CAL_DAYS_PER_WEEK);
		weeks = Min(weeks, ((int64) day - FIRST_SUPPORTED_DAY) / CAL_DAYS_PER_WEEK - 1);
	}
	return Max(weeks, 0);
}

/*
 * Walk open time from instant from, in direction dir, until budget
 * microseconds of it have passed or the walk reaches limit (walk order;
 * DT_NOEND for none).  Returns where the walk stopped (walk order) and sets
 * *passed to the open time it passed; the stop is the earliest instant at
 * which the budget is used up.
 */
static TimestampTz
walk_open_time(BizCalendar *bc, TimestampTz from, int dir, int64 budget,
			   TimestampTz limit, int64 *passed)
{
	BizWalker	w;
	TimestampTz c = dir * from;
	int64		used = 0;
	Span		span;

	biz_walker_start(&w, bc, from, dir);
	while (used < budget && c < limit && biz_walker_next(&w, &span))
	{
		TimestampTz lo = Max(span.lo, c);
		TimestampTz end = Min(span.hi, limit);
		int64		weeks;

		if (end <= lo)
		{
			if (lo >= limit)
				c = limit;
			continue;
		}
		if (end - lo >= budget - used)
		{
			c = lo + (budget - used);
			used = budget;
			break;
		}
		used += end - lo;
		c = end;

		if (bc->week_open == 0 || budget - used <= bc->week_open)
			continue;
		weeks = (budget - used - 1) / bc->week_open;
		if (limit != DT_NOEND)
			weeks = Min(weeks, (limit - c) / WEEK_USECS);
		weeks = skippable_weeks(bc, c, dir, weeks);
		if (weeks > 0)
		{
			c += weeks * WEEK_USECS;
			used += weeks * bc->week_open;
			biz_walker_start(&w, bc, dir * c, dir);
		}
	}
	if (used < budget && c < limit)
		c = limit;				/* no more open time before the limit */
	*passed = used;
	return c;
}

/* ---------- the operations ---------- */

/* Open microseconds in one week of the weekly hours alone (local time). */
static int64
weekly_open_usecs(const Calendar *cal)
{
	const CalRange *ranges = calendar_ranges(cal);
	int64		window_lo = (int64) CAL_DAYS_PER_WEEK * CAL_SECS_PER_DAY;
	int64		window_hi = 2 * window_lo;
	int64		total = 0;
	int64		run_lo = 0;
	int64		run_hi = 0;
	int			week;
	int			wd;

	/*
	 * Two weeks of ranges in start order; the second week, which also holds
	 * what the first week's Sunday carries past midnight, is measured.
	 */
	for (week = 0; week < 2; week++)
		for (wd = 0; wd < CAL_DAYS_PER_WEEK; wd++)
		{
			int64		day_secs = (int64) (week * CAL_DAYS_PER_WEEK + wd) * CAL_SECS_PER_DAY;
			int			i;

			for (i = cal->week_first[wd]; i < cal->week_first[wd + 1]; i++)
			{
				int64		lo = day_secs + ranges[i].start;
				int64		hi = day_secs + ranges[i].end;

				if (lo > run_hi)
				{
					total += Max(0, Min(run_hi, window_hi) - Max(run_lo, window_lo));
					run_lo = lo;
				}
				run_hi = Max(run_hi, hi);
			}
		}
	total += Max(0, Min(run_hi, window_hi) - Max(run_lo, window_lo));
	return total * USECS_PER_SEC;
}

void
biz_init(BizCalendar *bc, const Calendar *cal)
{
	const char *tzname = calendar_tzname(cal);
	pg_tz	   *tz = pg_tzset(tzname);
	int			wd;
	int			i;

	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", tzname)));
	bc->cal = cal;
	bc->ranges = calendar_ranges(cal);
	bc->dates = calendar_dates(cal);
	zone_init(&bc->zone, tz);
	bc->week_open = weekly_open_usecs(cal);
	bc->open_weekdays = 0;
	for (wd = 0; wd < CAL_DAYS_PER_WEEK; wd++)
		if (cal->week_first[wd + 1] > cal->week_first[wd])
			bc->open_weekdays++;
	bc->has_hours = bc->open_weekdays > 0;
	for (i = 0; i < cal->n_dates && !bc->has_hours; i++)
		bc->has_hours = bc->dates[i].count > 0;
}

/* Refuse instants whose local dates fall outside the supported years. */
static void
check_supported(BizCalendar *bc, TimestampTz t)
{
	int64		day = t / USECS_PER_DAY;

	if (day < FIRST_SUPPORTED_DAY + 7 || day > LAST_SUPPORTED_DAY - 7)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp %s is outside the years 1000 to 9999 that business-time arithmetic supports",
						timestamptz_to_str(t))));
}

/* Business time in [from, to), negative when to < from. */
int64
biz_between(BizCalendar *bc, TimestampTz from, TimestampTz to)
{
	int64		passed;

	check_supported(bc, from);
	check_supported(bc, to);
	if (to < from)
		return -biz_between(bc, to, from);
	walk_open_time(bc, from, 1, PG_INT64_MAX, to, &passed);
	return passed;
}

/* The earliest instant (latest, going back) budget of open time away. */
static TimestampTz
add_open_time(BizCalendar *bc, TimestampTz from, int dir, int64 budget)
{
	int64		passed;
	TimestampTz c = walk_open_time(bc, from, dir, budget, DT_NOEND, &passed);

	if (passed < budget)
		report_no_open_time(from, dir);
	return dir * c;
}

static TimestampTz
open_of_date(BizCalendar *bc, int32 day)
{
	const CalRange *ranges;

	day_ranges(bc, day, &ranges);
	return date_time_to_utc(bc, day, ranges[0].start);
}

/* Ranges of a date are sorted and disjoint, so the last one ends last. */
static TimestampTz
close_of_date(BizCalendar *bc, int32 day)
{
	const CalRange *ranges;
	int			n = day_ranges(bc, day, &ranges);

	return date_time_to_utc(bc, day, ranges[n - 1].end);
}

/* The latest business date that opened at or before t. */
static int32
business_date_of(BizCalendar *bc, TimestampTz t)
{
	int32		day = local_date_of(bc, t) + 1;

	if (!is_business_date(bc, day) && !next_business_date(bc, day, -1, &day))
		report_no_open_time(t, -1);
	while (open_of_date(bc, day) > t)
		if (!next_business_date(bc, day, -1, &day))
			report_no_open_time(t, -1);
	return day;
}

/*
 * Move by n business days keeping the position within the business day:
 * the same amount of open time after the opening of the target day, or its
 * close when that day is shorter.  A start at or after the close of its day
 * (outside hours) counts as the end of that day and lands on a close.
 */
static TimestampTz
shift_business_days(BizCalendar *bc, TimestampTz start, int32 n)
{
	int			dir = n > 0 ? 1 : -1;
	int32		day = business_date_of(bc, start);
	TimestampTz opened = open_of_date(bc, day);
	bool		at_end = start >= close_of_date(bc, day);
	int64		position = at_end ? 0 : biz_between(bc, opened, start);
	int32		target = nth_business_date(bc, day, (int64) n * dir, dir, start);
	TimestampTz target_open = open_of_date(bc, target);
	TimestampTz target_close = close_of_date(bc, target);

	if (at_end || position >= biz_between(bc, target_open, target_close))
		return target_close;
	return add_open_time(bc, target_open, 1, position);
}

TimestampTz
biz_deadline(BizCalendar *bc, TimestampTz start, int32 days, int64 usecs)
{
	TimestampTz t = start;

	check_supported(bc, start);
	if (days != 0)
		t = shift_business_days(bc, t, days);
	if (usecs > 0)
		t = add_open_time(bc, t, 1, usecs);
	else if (usecs < 0)
		t = add_open_time(bc, t, -1, -usecs);
	return t;
}

bool
biz_is_open(BizCalendar *bc, TimestampTz at)
{
	BizWalker	w;
	Span		span;

	check_supported(bc, at);
	biz_walker_start(&w, bc, at, 1);
	while (biz_walker_next(&w, &span))
		if (span.hi > at)
			return span.lo <= at;
	return false;
}

TimestampTz
biz_next_open(BizCalendar *bc, TimestampTz at)
{
	BizWalker	w;
	Span		span;

	check_supported(bc, at);
	biz_walker_start(&w, bc, at, 1);
	while (biz_walker_next(&w, &span))
		if (span.hi > at)
			return Max(span.lo, at);
	report_no_open_time(at, 1);
	return 0;					/* keep the compiler quiet */
}
