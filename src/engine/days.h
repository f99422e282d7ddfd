/*
 * days.h
 *		Dates of a prepared calendar: which ranges a date has, which dates
 *		are business days, and sums of open time over stretches of dates.
 *		Internal to the business-time arithmetic.
 */
#ifndef TICKET_SLA_DAYS_H
#define TICKET_SLA_DAYS_H

#include "engine/business_time.h"

/*
 * The dates the arithmetic works in: the years 1000 to 9999, as in calendar
 * literals (days since 2000-01-01), unless the calendar's holidays narrow
 * them (BizCalendar.first_day, last_day).
 */
#define FIRST_SUPPORTED_DAY		(-365242)
#define LAST_SUPPORTED_DAY		2921939

/*
 * The dates before the first supported one whose ranges can reach into it:
 * a range ends before the midnight two days after its date's, and a change
 * of offset can move that by a day (as walk_dates says).  The arithmetic
 * reads them by what the calendar says of them: a holiday region's rules
 * close no date in the last days before 1990.
 */
#define LOOK_BACK_DAYS			2

#define WEEK_USECS		(CAL_DAYS_PER_WEEK * USECS_PER_DAY)

/* Dates per chunk of running sums (DateSums): 2 ** DATE_SUMS_CHUNK_SHIFT */
#define DATE_SUMS_CHUNK_SHIFT	7
#define DATE_SUMS_CHUNK_DATES	(1 << DATE_SUMS_CHUNK_SHIFT)

extern bool is_business_date(const BizCalendar *bc, int32 day);
extern bool next_business_date(const BizCalendar *bc, int32 day, int dir, int32 *result);
extern bool nth_business_date(const BizCalendar *bc, int32 day, int64 n, int dir,
							  int32 *result, int64 *found);
extern int64 ranges_open_time(const CalRange *ranges, int n);
extern int64 *fill_date_sums_chunk(const BizCalendar *bc, const DateSums *sums, int chunk);
extern int32 first_date_reaching(const BizCalendar *bc, const DateSums *sums,
								 int32 lo, int32 hi, int64 target, int64 guess);
extern void report_outside_years(const BizCalendar *bc, TimestampTz t) pg_attribute_noreturn();
extern void report_no_open_time(const BizCalendar *bc, TimestampTz from, int dir,
								int64 found) pg_attribute_noreturn();
extern void report_too_few_days(const BizCalendar *bc, const char *from, int dir,
								int64 found) pg_attribute_noreturn();

/*
 * Whether a walk in direction dir may read date day: forward up to the
 * last supported date, back to the dates whose ranges can reach into the
 * first (LOOK_BACK_DAYS).  A walk may start outside and come in.
 */
static inline bool
date_within_reach(const BizCalendar *bc, int32 day, int dir)
{
	return dir > 0 ? day <= bc->last_day : day >= bc->first_day - LOOK_BACK_DAYS;
}

/*
 * Index of the first dated exception on or after day (n_dates if none):
 * straight to the day's bucket, then a short step forward.
 */
static inline int
first_date_from(const BizCalendar *bc, int32 day)
{
	int64		k = ((int64) day - bc->bucket_base) >> bc->bucket_shift;
	int			i;

	if (k < 0)
		return 0;
	if (k >= bc->n_buckets)
		return bc->cal->n_dates;
	i = bc->bucket_first[k];
	while (bc->date_days[i] < day)
		i++;
	return i;
}

/* The sum over the dates before day by the weekly hours alone (DateSums) */
static inline int64
weekly_sum_to(const DateSums *sums, int32 day)
{
	uint32		shifted = (uint32) (day + CAL_WEEKDAY_SHIFT);	/* as calendar_weekday */

	return (int64) (shifted / CAL_DAYS_PER_WEEK) * sums->weekdays[CAL_DAYS_PER_WEEK] +
		sums->weekdays[shifted % CAL_DAYS_PER_WEEK];
}

/*
 * The sum over the dates before day (DateSums): from its chunk between the
 * first and last dated exception, else from the weekly sums.
 */
static inline int64
date_sum_to(const BizCalendar *bc, const DateSums *sums, int32 day)
{
	uint32		k = (uint32) (day - sums->table_first);
	const int64 *chunk;

	if (k >= sums->table_days)
		return weekly_sum_to(sums, day) +
			(day < sums->table_first ? 0 : sums->deltas[bc->cal->n_dates]);
	chunk = sums->chunks[k >> DATE_SUMS_CHUNK_SHIFT];
	if (unlikely(chunk == NULL))
		chunk = fill_date_sums_chunk(bc, sums, k >> DATE_SUMS_CHUNK_SHIFT);
	return chunk[k & (DATE_SUMS_CHUNK_DATES - 1)];
}

/* About how many dates hold amount, by the average week; at most all dates */
static inline int64
guess_dates(const DateSums *sums, int64 amount)
{
	return (int64) Min((double) amount * sums->dates_per_unit,
					   (double) (LAST_SUPPORTED_DAY - FIRST_SUPPORTED_DAY));
}

/* The ranges that belong to day; returns how many there are. */
static inline int
day_ranges(const BizCalendar *bc, int32 day, const CalRange **ranges)
{
	int			i = first_date_from(bc, day);
	int			w;

	if (bc->date_days[i] == day)
	{
		*ranges = bc->ranges + bc->dates[i].first;
		return bc->dates[i].count;
	}
	w = calendar_weekday(day);
	*ranges = bc->ranges + bc->cal->week_first[w];
	return bc->cal->week_first[w + 1] - bc->cal->week_first[w];
}

/* The instant at which date day's local clock shows secs. */
static inline TimestampTz
date_time_to_utc(BizCalendar *bc, int32 day, int32 secs)
{
	return zone_local_to_utc(&bc->zone, (int64) day * CAL_SECS_PER_DAY + secs);
}

#endif							/* TICKET_SLA_DAYS_H */
