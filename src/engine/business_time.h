/*
 * business_time.h
 *		Business-time arithmetic under a ticket_sla.calendar: the prepared
 *		calendar and the operations the SQL functions call.
 */
#ifndef TICKET_SLA_BUSINESS_TIME_H
#define TICKET_SLA_BUSINESS_TIME_H

#include "postgres.h"
#include "datatype/timestamp.h"

#include "calendar/calendar.h"
#include "engine/zone.h"

/*
 * A quantity summed over dates (open time, or 1 for a business date), as
 * running sums: sum_to(d) is its sum over the dates before d, counted from
 * a Monday long before the supported years.  By the weekly hours alone,
 * the first i weekdays (Monday first, over two weeks) hold weekdays[i]; a
 * dated exception holds its own amount, and deltas[k] sums (its amount -
 * its weekday's) over the first k exceptions.
 *
 * Between the first and the last dated exception the running sums are
 * kept date by date, in chunks filled on first use (in mcxt), so that a
 * sum costs one load there; elsewhere the weeks repeat and it is worked
 * out.
 */
typedef struct DateSums
{
	int64		weekdays[2 * CAL_DAYS_PER_WEEK + 1];
	int64	   *deltas;
	/* sum_to(table_first + k), k < table_days, is in a chunk (days.h) */
	int32		table_first;
	uint32		table_days;
	int64	  **chunks;			/* NULL where not filled yet */
	MemoryContext mcxt;
	/*
	 * Dates per unit of the amount in an average week over the stretch of
	 * dated exceptions (0 when weeks hold none): a first guess of how many
	 * dates hold an amount.
	 */
	double		dates_per_unit;
} DateSums;

/* A calendar made ready for arithmetic: prepared once, used for many calls. */
typedef struct BizCalendar
{
	const Calendar *written;	/* the calendar as written, for messages */
	const Calendar *cal;		/* what the arithmetic reads: the holidays of
								 * its regions are closed dates in it */
	const CalRange *ranges;
	const CalDate *dates;
	/* dates[i].day, and PG_INT32_MIN at -1 and PG_INT32_MAX at n_dates */
	const int32 *date_days;
	ZoneCursor	zone;
	int64		week_open;		/* open microseconds in a week of weekly hours */
	int			open_weekdays;	/* weekdays with weekly hours */
	bool		has_hours;		/* any open time at all */

	/*
	 * The supported dates: the years 1000 to 9999, or only those whose
	 * holidays the rules know.  Every instant asked about or answered lies
	 * in them, in the calendar's time zone: from the local midnight that
	 * starts first_day to the one that ends last_day (an end such as a
	 * closing time may be end_instant itself).
	 */
	int32		first_day;
	int32		last_day;
	TimestampTz first_instant;
	TimestampTz end_instant;

	/*
	 * When no range of one date can overlap a range of another (no overnight
	 * range reaches the next date's hours), the open time of a stretch of
	 * dates is the sum of the dates' own open time.
	 */
	bool		additive;
	int32		earliest_start; /* the earliest start of any range, */
	int32		latest_end;		/* the latest end (seconds after midnight) */
	DateSums	open_sums;		/* open time (microseconds) of dates */
	DateSums	business_days;	/* 1 for a business date, else 0 */

	/* dates[bucket_first[k]] is the first dated exception on or after
	 * bucket_base + (k << bucket_shift): a direct index into dates[] */
	int32		bucket_base;
	int			bucket_shift;
	int			n_buckets;
	int		   *bucket_first;
} BizCalendar;

/* One open span [lo, hi) of UTC time. */
typedef struct Span
{
	TimestampTz lo;
	TimestampTz hi;
} Span;

#define WALKER_INLINE_SPANS 16

/*
 * Hands out the open spans of a calendar one by one, forward or backward in
 * time, merged so that they never overlap.  Going backward, spans are
 * reported negated ([-hi, -lo)), so that every consumer counts forward.
 */
typedef struct BizWalker
{
	BizCalendar *bc;
	int			dir;			/* +1 forward, -1 backward */
	int32		next_day;		/* next business date to expand, or none */
	bool		days_left;		/* false once no business date remains */
	TimestampTz frontier;		/* no span still to expand starts before this */
	TimestampTz done_to;		/* end of the last span handed out */
	int			head;			/* pending spans: buf[head .. head + n) ... */
	int			n;				/* ... sorted by lo */
	int			cap;
	Span	   *buf;
	Span		inline_buf[WALKER_INLINE_SPANS];
} BizWalker;

/* days.c */
extern void biz_init(BizCalendar *bc, const Calendar *cal);

/* walker.c */
extern void biz_walker_start(BizWalker *w, BizCalendar *bc, TimestampTz at, int dir);
extern bool biz_walker_next(BizWalker *w, Span *span);
extern TimestampTz walk_open_time(BizCalendar *bc, TimestampTz from, int dir,
								  int64 budget, TimestampTz limit, int64 *passed);

/* business_time.c */
extern void biz_require_open_time(BizCalendar *bc);
extern void biz_require_finite(TimestampTz from, TimestampTz to);
extern void biz_require_supported(BizCalendar *bc, TimestampTz from, TimestampTz to);
extern Interval *biz_interval(int64 usecs);
extern TimestampTz biz_deadline(BizCalendar *bc, TimestampTz start,
								int32 days, int64 usecs);
extern int64 biz_between(BizCalendar *bc, TimestampTz from, TimestampTz to);
extern bool biz_is_open(BizCalendar *bc, TimestampTz at);
extern TimestampTz biz_next_open(BizCalendar *bc, TimestampTz at);

#endif							/* TICKET_SLA_BUSINESS_TIME_H */
