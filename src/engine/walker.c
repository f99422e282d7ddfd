/*
 * walker.c
 *		The general walk through a calendar's open time, span by span.
 *
 * The walker expands dates into the UTC images of their ranges, converting
 * every endpoint exactly, and hands the spans out in order, merged where
 * they overlap (an overnight range reaching into the next date's hours, or
 * the odd range that starts in a spring-forward gap).  It is exact for any
 * calendar; the arithmetic uses it wherever local time is not a plain shift
 * of UTC (near a change of offset) or dates can overlap.  Whole weeks with
 * neither a dated exception nor a change of offset nearby are skipped.
 */
#include "postgres.h"

#include "engine/days.h"

/*
 * A plain shift between local time and UTC is exact further than this from a
 * change of offset; whole weeks are skipped only inside such stretches.
 */
#define SKIP_ZONE_MARGIN_USECS	(6 * USECS_PER_DAY)
/* Days around skipped weeks that must be free of dated exceptions. */
#define SKIP_DATE_MARGIN_DAYS	3

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
	int32		day = zone_local_date(&bc->zone, at);
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
	day = zone_local_date(&bc->zone, at);
	if (dir > 0)
	{
		i = first_date_from(bc, day - SKIP_DATE_MARGIN_DAYS);
		if (i < bc->cal->n_dates)
			weeks = Min(weeks, ((int64) bc->dates[i].day - day - SKIP_DATE_MARGIN_DAYS - 1) / CAL_DAYS_PER_WEEK);
		weeks = Min(weeks, ((int64) bc->last_day - day) / CAL_DAYS_PER_WEEK - 1);
	}
	else
	{
		i = first_date_from(bc, day + SKIP_DATE_MARGIN_DAYS + 1) - 1;
		if (i >= 0)
			weeks = Min(weeks, ((int64) day - bc->dates[i].day - SKIP_DATE_MARGIN_DAYS - 1) / CAL_DAYS_PER_WEEK);
		weeks = Min(weeks, ((int64) day - bc->first_day) / CAL_DAYS_PER_WEEK - 1);
	}
	return Max(weeks, 0);
}

/*
 * Walk open time from instant from, in direction dir, until budget
 * microseconds of it have passed or the walk reaches limit (walk order; at
 * most the edge of the supported years).  Returns where the walk stopped (walk order) and sets
 * *passed to the open time it passed; the stop is the earliest instant at
 * which the budget is used up.
 */
TimestampTz
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
		weeks = Min((budget - used - 1) / bc->week_open, (limit - c) / WEEK_USECS);
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
