/*
 * business_time.c
 *		Adding and measuring business time under a calendar.
 *
 * The open time of a calendar is the union, over all dates, of the images
 * in UTC of each date's local ranges, local times resolved as PostgreSQL
 * resolves them.  For a calendar whose dates cannot overlap ("additive"),
 * open time is the sum of each date's own ranges: walk_dates() below goes
 * date by date only at both ends of a stretch, and where local time is UTC
 * shifted by one offset it takes the open time of the dates between from
 * running sums (days.c).  Any other calendar, and the rare range that
 * starts in a spring-forward gap, go to the general walker (walker.c),
 * which merges overlapping spans.
 */
#include "postgres.h"

#include "utils/timestamp.h"

#include "engine/days.h"
#include "common/scan.h"

static int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if (a < 0 && q * b != a)
		q--;
	return q;
}

/* Refuse an instant whose local date falls outside the supported years. */
static void
check_supported(BizCalendar *bc, TimestampTz t)
{
	if (t < bc->first_instant || t >= bc->end_instant)
		report_outside_years(bc, t);
}

/* ---------- walking dates ---------- */

/*
 * The last date whose ranges all end before local time limit.  Before, not
 * at: where limit is the end of a steady stretch, a range ending there has
 * its end beyond the plain shift (an autumn change at 02:00 resolves a
 * range ending at 02:00 with the offset after it, an hour later).
 */
static int64
last_date_within(BizCalendar *bc, int64 limit)
{
	if (limit == PG_INT64_MAX)
		return bc->last_day;
	return Min(floor_div(limit - 1 - bc->latest_end * USECS_PER_SEC, USECS_PER_DAY),
			   bc->last_day);
}

/* Whether no range of any date lies in local times [lo, hi) (microseconds). */
static bool
no_range_within(BizCalendar *bc, int64 lo, int64 hi)
{
	int64		first = floor_div(lo - bc->latest_end * USECS_PER_SEC, USECS_PER_DAY);
	int64		last = floor_div(hi - bc->earliest_start * USECS_PER_SEC, USECS_PER_DAY);
	int32		day;

	for (day = (int32) first; day <= last; day++)
	{
		const CalRange *ranges;
		int			n = day_ranges(bc, day, &ranges);
		int64		midnight = (int64) day * USECS_PER_DAY;
		int			i;

		for (i = 0; i < n; i++)
			if (midnight + ranges[i].start * USECS_PER_SEC < hi &&
				midnight + ranges[i].end * USECS_PER_SEC > lo)
				return false;
	}
	return true;
}

/* What the zone cursor's memo says of a change of offset (0: not known). */
#define CHANGE_QUIET		1
#define CHANGE_NOT_QUIET	2

/*
 * Move past the change of offset at the end of the current steady stretch
 * if no range comes near it; *until then becomes the end of the next one.
 */
static bool
cross_quiet_change(BizCalendar *bc, int64 *until)
{
	int8	   *memo = zone_change_memo(&bc->zone);

	if (memo != NULL && *memo == CHANGE_NOT_QUIET)
		return false;
	if (!zone_cross_change(&bc->zone))
		return false;
	/* whether a change is quiet depends on the calendar alone: remember it */
	if (memo == NULL || *memo == 0)
	{
		int64		unsteady_lo;
		int64		unsteady_hi;
		bool		quiet;

		zone_unsteady_at_change(&bc->zone, &unsteady_lo, &unsteady_hi);
		quiet = no_range_within(bc, unsteady_lo, unsteady_hi);
		if (memo != NULL)
			*memo = quiet ? CHANGE_QUIET : CHANGE_NOT_QUIET;
		if (!quiet)
			return false;
	}
	*until = zone_steady_until_local(&bc->zone);
	return true;
}

/*
 * Skip whole dates from day on while their open time together stays below
 * room, their ranges all end before local time limit_local, and they
 * convert by one shift, which holds up to local time until, or through
 * changes of offset that no range comes near (an office closed on the
 * night the clocks change leaves every date the open time of its local
 * ranges).  The dates come from the running sums of open time alone; only
 * the changes on the way are looked at.  Adds their open time to *used and
 * returns the first date not skipped.
 */
static int32
skip_whole_dates(BizCalendar *bc, int32 day, int64 room, int64 until,
				 int64 limit_local, int64 *used)
{
	const DateSums *sums = &bc->open_sums;
	int32		cap = last_date_within(bc, limit_local) + 1;
	int64		before = date_sum_to(bc, sums, day);
	int64		latest_end = (int64) bc->latest_end * USECS_PER_SEC;
	int32		end;

	if (cap <= day)
		return day;
	/* capped, a room larger than any sum (when measuring) cannot overflow */
	end = first_date_reaching(bc, sums, day + 1, cap,
							  before + Min(room, INT64CONST(1) << 62),
							  day + 1 + guess_dates(sums, room - 1)) - 1;
	while (end > day && (int64) (end - 1) * USECS_PER_DAY + latest_end >= until)
		if (!cross_quiet_change(bc, &until))
		{
			end = Min(end, last_date_within(bc, until) + 1);
			break;
		}
	*used += date_sum_to(bc, sums, end) - before;
	return end;
}

/*
 * The instant at which date day's clock shows secs, and whether the clock
 * ever shows that time: one in a spring-forward gap converts with the
 * offset before the change, to an instant at which the clock shows a later
 * time.  Where the offset is steady, every local time exists.
 */
static bool
date_time_exists(BizCalendar *bc, int32 day, int32 secs, TimestampTz *utc)
{
	int64		local_secs = (int64) day * CAL_SECS_PER_DAY + secs;

	if (zone_local_to_utc_if_steady(&bc->zone, local_secs, utc))
		return true;
	*utc = zone_local_to_utc(&bc->zone, local_secs);
	return *utc + (int64) zone_offset_at(&bc->zone, *utc) * USECS_PER_SEC ==
		local_secs * USECS_PER_SEC;
}

/*
 * Walk open time forward, date by date, for an additive calendar: from
 * instant from until budget of open time has passed or limit (at most the
 * end of the supported years) is reached.  Each range converts exactly;
 * where one offset holds, whole dates and weeks are summed without looking
 * at their ranges.  Sets *stop (the earliest instant at which the budget is
 * used up) and *passed.
 * Returns false, having done nothing that counts, if a range has an end in
 * a spring-forward gap, or two dates' open spans overlap in UTC after all:
 * only the walker merges those.  Such an end takes the offset before the
 * change, which can put it after spans of later dates (Samoa skipped
 * 2011-12-30: that day's ranges fall among those of the 31st).
 */
static bool
walk_dates(BizCalendar *bc, TimestampTz from, int64 budget, TimestampTz limit,
		   TimestampTz *stop, int64 *passed)
{
	int32		from_day = zone_local_date(&bc->zone, from);
	TimestampTz two_days_before;

	/*
	 * The previous date's overnight ranges reach into from's date; with a
	 * change of offset since the midnight before it, the ranges of the date
	 * before that can too (one ending in a gap of a whole day, as Samoa's
	 * on 2011-12-30, lands a day later).
	 */
	int32		day = from_day - (zone_local_to_utc_if_steady(&bc->zone,
															(int64) (from_day - 2) * CAL_SECS_PER_DAY,
															&two_days_before) &&
								  zone_steady_between(&bc->zone, two_days_before, from) ? 1 : 2);
	TimestampTz c = from;
	TimestampTz last_hi = DT_NOBEGIN;
	int64		used = 0;

	/* the wall-clock time at the limit (the end of the years: no need to ask) */
	int64		limit_local = (limit == bc->end_instant) ?
		(int64) (bc->last_day + 1) * USECS_PER_DAY :
		limit + (int64) zone_offset_at(&bc->zone, limit) * USECS_PER_SEC;

	for (;; day++)
	{
		const CalRange *ranges;
		int			n;
		int			i;
		int32		offset;
		int64		until;

		/* whole dates from here, if their ranges all convert by one shift */
		if (day > from_day &&
			zone_steady_from(&bc->zone, (int64) day * CAL_SECS_PER_DAY + bc->earliest_start,
							 &offset, &until))
			day = skip_whole_dates(bc, day, budget - used, until, limit_local, &used);
		/* no range of this date or a later one starts before the limit */
		if ((int64) day * USECS_PER_DAY - ZONE_MAX_OFFSET_USECS >= limit)
			break;
		if (day > bc->last_day)
		{
			*stop = DT_NOEND;
			*passed = used;
			return true;
		}
		n = day_ranges(bc, day, &ranges);
		for (i = 0; i < n; i++)
		{
			TimestampTz lo;
			TimestampTz hi;

			if (!date_time_exists(bc, day, ranges[i].start, &lo) ||
				!date_time_exists(bc, day, ranges[i].end, &hi))
				return false;
			if (lo < last_hi)
				return false;
			last_hi = hi;
			lo = Max(lo, c);
			hi = Min(hi, limit);
			if (hi <= lo)
				continue;
			if (hi - lo >= budget - used)
			{
				*stop = lo + (budget - used);
				*passed = budget;
				return true;
			}
			used += hi - lo;
			c = hi;
		}
	}
	*stop = limit;
	*passed = used;
	return true;
}

/*
 * Forward from instant from until budget of open time has passed or limit
 * (at most the end of the supported years) is reached.  Returns where it
 * stopped (the earliest instant at which the budget is used up) and the
 * open time passed.
 */
static TimestampTz
forward_open_time(BizCalendar *bc, TimestampTz from, int64 budget,
				  TimestampTz limit, int64 *passed)
{
	TimestampTz stop;

	if (bc->additive && walk_dates(bc, from, budget, limit, &stop, passed))
		return stop;
	return walk_open_time(bc, from, 1, budget, limit, passed);
}

/* ---------- the operations ---------- */

/* Refuse a calendar that is never open: no instant is business time. */
void
biz_require_open_time(BizCalendar *bc)
{
	char	   *text;

	if (bc->has_hours)
		return;
	text = calendar_to_text(bc->written);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("calendar has no open time"),
			 errdetail("Calendar: \"%s\".", shown_text(text, strlen(text)))));
}

/* Business time is measured between finite instants only */
void
biz_require_finite(TimestampTz from, TimestampTz to)
{
	if (TIMESTAMP_NOT_FINITE(from) || TIMESTAMP_NOT_FINITE(to))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("business time between infinite instants does not fit an interval")));
}

/* Business time as an interval: microseconds, never days or months */
Interval *
biz_interval(int64 usecs)
{
	Interval   *result = palloc0(sizeof(Interval));

	result->time = usecs;
	return result;
}

/*
 * Refuse a stretch of time [from, to) (or [to, from)) that is not within
 * the supported years; it may end where they end.
 */
void
biz_require_supported(BizCalendar *bc, TimestampTz from, TimestampTz to)
{
	if (from < bc->first_instant || from > bc->end_instant)
		report_outside_years(bc, from);
	if (to < bc->first_instant || to > bc->end_instant)
		report_outside_years(bc, to);
}

/* Open time in [from, to), from <= to, wherever they are */
static int64
open_time_between(BizCalendar *bc, TimestampTz from, TimestampTz to)
{
	int64		passed;

	forward_open_time(bc, from, PG_INT64_MAX, to, &passed);
	return passed;
}

/* Business time in [from, to), negative when to < from. */
int64
biz_between(BizCalendar *bc, TimestampTz from, TimestampTz to)
{
	biz_require_supported(bc, from, to);
	if (to < from)
		return -biz_between(bc, to, from);
	return open_time_between(bc, from, to);
}

/*
 * The earliest instant (the latest, going back) budget of open time away,
 * within the supported years.
 */
static TimestampTz
add_open_time(BizCalendar *bc, TimestampTz from, int dir, int64 budget)
{
	int64		passed;
	TimestampTz stop;

	if (dir > 0)
		stop = forward_open_time(bc, from, budget, bc->end_instant, &passed);
	else
		stop = -walk_open_time(bc, from, -1, budget, -bc->first_instant, &passed);
	if (passed < budget)
		report_no_open_time(bc, from, dir, passed);
	return stop;
}

/*
 * The latest business date that opened at or before t, into *day with its
 * ranges: dates one by one back from the day after t's, or from one "open"
 * date to the one before in a calendar without weekly hours.  False when
 * none within reach did.
 */
static bool
business_date_of(BizCalendar *bc, TimestampTz t, int32 *day,
				 const CalRange **ranges, int *n)
{
	int32		d = zone_local_date(&bc->zone, t) + 1;

	for (;;)
	{
		*n = day_ranges(bc, d, ranges);
		if (*n > 0 && date_time_to_utc(bc, d, (*ranges)[0].start) <= t)
		{
			*day = d;
			return true;
		}
		if (bc->open_weekdays > 0 ? !date_within_reach(bc, --d, -1) :
			!next_business_date(bc, d, -1, &d))
			return false;
	}
}

/*
 * The shift between UTC and local time that is exact for every local time
 * of date day and the dates beside it, if there is one.
 */
static bool
steady_shift_of_date(BizCalendar *bc, int32 day, int64 *shift)
{
	int32		offset;
	int64		until;

	if (!zone_steady_from(&bc->zone, (int64) (day - 1) * CAL_SECS_PER_DAY, &offset, &until) ||
		until < (int64) (day + 2) * USECS_PER_DAY)
		return false;
	*shift = (int64) offset * USECS_PER_SEC;
	return true;
}

/* Open time of a date's ranges before local instant t (microseconds). */
static int64
open_time_before(const CalRange *ranges, int n, int64 midnight, int64 t)
{
	int64		open = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		int64		lo = midnight + ranges[i].start * USECS_PER_SEC;
		int64		hi = midnight + ranges[i].end * USECS_PER_SEC;

		open += Max(0, Min(t, hi) - lo);
	}
	return open;
}

/* The earliest local instant by which position of a date's open time has passed. */
static int64
instant_into_date(const CalRange *ranges, int n, int64 midnight, int64 position)
{
	int			i;

	for (i = 0; i < n - 1; i++)
	{
		int64		length = (int64) (ranges[i].end - ranges[i].start) * USECS_PER_SEC;

		if (position <= length)
			break;
		position -= length;
	}
	return midnight + ranges[i].start * USECS_PER_SEC + position;
}

/*
 * The opening (the start of its first range) or the close (the end of its
 * last range) of a business date
 */
static TimestampTz
date_edge(BizCalendar *bc, int32 day, bool close)
{
	const CalRange *ranges;
	int			n = day_ranges(bc, day, &ranges);

	return date_time_to_utc(bc, day, close ? ranges[n - 1].end : ranges[0].start);
}

/*
 * Keep start's position within its business date day (ranges) on date
 * target, where dates cannot overlap and both dates convert by a plain
 * shift: a date's open time is its ranges alone, counted in local time.
 * False, having done nothing, where they do not.
 */
static bool
land_in_local_time(BizCalendar *bc, TimestampTz start, int32 day,
				   const CalRange *ranges, int n_ranges, int32 target,
				   TimestampTz *result)
{
	const CalRange *target_ranges;
	int			n_target = day_ranges(bc, target, &target_ranges);
	int64		shift;
	int64		target_shift;
	int64		midnight = (int64) day * USECS_PER_DAY;
	int64		target_midnight = (int64) target * USECS_PER_DAY;
	int64		position;

	if (!bc->additive || !steady_shift_of_date(bc, day, &shift) ||
		!steady_shift_of_date(bc, target, &target_shift))
		return false;
	position = open_time_before(ranges, n_ranges, midnight, start + shift);
	if (start + shift >= midnight + ranges[n_ranges - 1].end * USECS_PER_SEC ||
		position >= ranges_open_time(target_ranges, n_target))
		*result = target_midnight + target_ranges[n_target - 1].end * USECS_PER_SEC - target_shift;
	else
		*result = instant_into_date(target_ranges, n_target, target_midnight, position) -
			target_shift;
	return true;
}

/*
 * Keep start's position within its business date day (ranges) on date
 * target, the walker measuring the open time of both.
 */
static TimestampTz
land_by_walking(BizCalendar *bc, TimestampTz start, int32 day,
				const CalRange *ranges, int n_ranges, int32 target)
{
	TimestampTz target_open = date_edge(bc, target, false);
	TimestampTz target_close = date_edge(bc, target, true);
	int64		position;

	if (start >= date_time_to_utc(bc, day, ranges[n_ranges - 1].end))
		return target_close;
	position = open_time_between(bc, date_time_to_utc(bc, day, ranges[0].start), start);
	if (position >= open_time_between(bc, target_open, target_close))
		return target_close;
	return add_open_time(bc, target_open, 1, position);
}

/* A date as a message writes it */
static char *
date_text(int32 day)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_calendar_date(&buf, day);
	return buf.data;
}

/*
 * Move by n business days keeping the position within the business day:
 * the same amount of open time after the opening of the target day, or its
 * close when that day is shorter.  A start at or after the close of its day
 * (outside hours) counts as the end of that day and lands on a close; so
 * does a start before every business day, as if at the end of one before
 * them all.
 */
static TimestampTz
shift_business_days(BizCalendar *bc, TimestampTz start, int32 n)
{
	int			dir = n > 0 ? 1 : -1;
	const CalRange *ranges;
	int			n_ranges;
	int32		day;
	int32		target;
	int64		found;
	bool		has_day = business_date_of(bc, start, &day, &ranges, &n_ranges);
	TimestampTz result;

	if (!has_day)
		day = bc->first_day - 1;
	if (!nth_business_date(bc, day, (int64) n * dir, dir, &target, &found))
		report_too_few_days(bc, has_day ? date_text(day) : timestamptz_to_str(start),
							dir, found);
	if (!has_day)
		return date_edge(bc, target, true);
	if (land_in_local_time(bc, start, day, ranges, n_ranges, target, &result))
		return result;
	return land_by_walking(bc, start, day, ranges, n_ranges, target);
}

TimestampTz
biz_deadline(BizCalendar *bc, TimestampTz start, int32 days, int64 usecs)
{
	TimestampTz t = start;

	check_supported(bc, start);
	if (days != 0)
	{
		t = shift_business_days(bc, t, days);
		/* the close of the last supported date can be a night later */
		if (t > bc->end_instant)
			report_outside_years(bc, t);
	}
	if (usecs > 0)
		t = add_open_time(bc, t, 1, usecs);
	else if (usecs < 0)
		t = add_open_time(bc, t, -1, -usecs);
	return t;
}

/* The first open span that ends after at; it may have begun before it. */
static bool
span_ending_after(BizCalendar *bc, TimestampTz at, Span *span)
{
	BizWalker	w;

	check_supported(bc, at);
	biz_walker_start(&w, bc, at, 1);
	while (biz_walker_next(&w, span))
		if (span->hi > at)
			return true;
	return false;
}

bool
biz_is_open(BizCalendar *bc, TimestampTz at)
{
	Span		span;

	return span_ending_after(bc, at, &span) && span.lo <= at;
}

TimestampTz
biz_next_open(BizCalendar *bc, TimestampTz at)
{
	Span		span;

	if (!span_ending_after(bc, at, &span))
		report_no_open_time(bc, at, 1, 0);
	return Max(span.lo, at);
}
